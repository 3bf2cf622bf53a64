extension Duration {
    /// The duration in milliseconds, with fractions: for logs and timing figures.
    var inMilliseconds: Double {
        Double(components.seconds) * 1000 + Double(components.attoseconds) / 1e15
    }
}
