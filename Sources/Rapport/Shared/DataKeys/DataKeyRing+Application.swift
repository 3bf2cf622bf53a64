import Vapor

extension Application {
    private struct DataKeysKey: StorageKey { typealias Value = DataKeyRing }

    /// The data keys, read once at start by `configure`.
    var dataKeys: DataKeyRing {
        get {
            guard let keys = storage[DataKeysKey.self] else { fatalError("configure() sets the data keys") }
            return keys
        }
        set { storage[DataKeysKey.self] = newValue }
    }
}
