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

/// `background` on another thread while `here` runs on this one: for a serial
/// step (one file to read) beside a parallel one. `here` may use `parallelMap`
/// (a `concurrentPerform` inside another runs on one thread).
func concurrently<A: Sendable, B>(_ background: @escaping @Sendable () -> A, _ here: () -> B) -> (A, B) {
    let slot = BackgroundSlot<A>()
    let group = DispatchGroup()
    DispatchQueue.global().async(group: group) { slot.value = background() }
    let mine = here()
    group.wait()
    return (slot.value!, mine)
}

/// Where `concurrently` leaves the background result: written before the
/// group is left, read after it is waited for.
private final class BackgroundSlot<Value>: @unchecked Sendable {
    var value: Value?
}
