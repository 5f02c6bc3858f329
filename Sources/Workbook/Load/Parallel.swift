import Dispatch

/// `map` over every core: parsing and rendering are independent per item.
func parallelMap<T: Sendable, R: Sendable>(_ items: [T], _ transform: @Sendable (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = UnsafeMutableBufferPointer<R?>.allocate(capacity: items.count)
    results.initialize(repeating: nil)
    defer {
        // The slots hold a reference to every result: release them, or each
        // result (a page's bytes) lives on after the build (serve leaked
        // every rebuild's pages this way).
        results.deinitialize()
        results.deallocate()
    }
    nonisolated(unsafe) let slots = results
    DispatchQueue.concurrentPerform(iterations: items.count) { i in
        slots[i] = transform(items[i])
    }
    return results.map { $0! }
}
