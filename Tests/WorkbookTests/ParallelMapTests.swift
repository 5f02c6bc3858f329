import Testing
@testable import Workbook

/// `parallelMap` gives every result in order and keeps no reference to any.
@Suite struct ParallelMapTests {
    final class Box: Sendable {
        let value: Int
        init(_ value: Int) { self.value = value }
    }

    @Test func resultsComeInOrder() {
        #expect(parallelMap(Array(0..<1000)) { $0 * 2 } == Array(0..<1000).map { $0 * 2 })
    }

    @Test func noResultIsKeptAlive() {
        var boxes = parallelMap(Array(0..<100)) { Box($0) }
        #expect(boxes.map(\.value) == Array(0..<100))
        for i in boxes.indices {
            #expect(isKnownUniquelyReferenced(&boxes[i]), "result \(i) is still referenced by parallelMap")
        }
    }
}
