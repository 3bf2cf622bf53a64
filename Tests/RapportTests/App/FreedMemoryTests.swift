import CRapportMemory
import Testing

@Suite("Returning freed memory")
struct FreedMemoryTests {
    /// The catalogue rebuild relies on this to give back what building it used. The C side
    /// compiles to a no-op when it cannot tell it is on glibc, so check it really trims there.
    @Test func freedMemoryIsReturnedToTheSystemOnLinux() {
        #if os(Linux)
        var blocks: [UnsafeMutableRawPointer] = []
        for _ in 0..<20_000 { blocks.append(UnsafeMutableRawPointer.allocate(byteCount: 1_000, alignment: 8)) }
        for block in blocks { block.deallocate() }
        #expect(rapport_release_free_memory() == 1)
        #endif
    }
}
