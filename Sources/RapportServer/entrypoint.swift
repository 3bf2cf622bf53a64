import Foundation
import Rapport

/// The `rapport` executable: everything lives in the `Rapport` library so tests can import it.
@main
enum Entrypoint {
    static func main() async {
        RapportMain.runConcurrencyOnEventLoops()
        exit(await RapportMain.run())
    }
}
