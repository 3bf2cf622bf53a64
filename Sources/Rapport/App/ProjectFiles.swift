import Foundation
import Vapor

/// Where the templates (`Resources/`) and static files (`Public/`) are. The working directory
/// when it has them (running from the project folder, as in development); otherwise the
/// project folder the executable was built in (`.build/release/rapport` sits two levels
/// below it), so a release build started from any folder still finds its pages. The working
/// directory keeps everything the program writes: the SQLite file, `mail-outbox/`, the
/// development data key.
enum ProjectFiles {
    static func directories(workingDirectory: String, executablePath: String = runningExecutable) -> DirectoryConfiguration {
        var directories = DirectoryConfiguration(workingDirectory: workingDirectory)
        guard !hasResources(workingDirectory), let root = projectRoot(above: executablePath) else { return directories }
        directories.resourcesDirectory = root + "Resources/"
        directories.viewsDirectory = root + "Resources/Views/"
        directories.publicDirectory = root + "Public/"
        return directories
    }

    /// This program's own file, however it was started (a relative path, or through `PATH`).
    static var runningExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments.first ?? ""
    }

    private static func hasResources(_ directory: String) -> Bool {
        FileManager.default.fileExists(atPath: (directory.hasSuffix("/") ? directory : directory + "/") + "Resources/Views")
    }

    /// The nearest folder above the executable that has `Resources/Views`, with a trailing slash.
    private static func projectRoot(above executablePath: String) -> String? {
        var url = URL(fileURLWithPath: executablePath).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            if hasResources(url.path) { return url.path.hasSuffix("/") ? url.path : url.path + "/" }
            url.deleteLastPathComponent()
        }
        return nil
    }
}
