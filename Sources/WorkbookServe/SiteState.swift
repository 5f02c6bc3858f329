import Foundation
import Workbook

/// The site being served, swapped whole after each good build. Requests read
/// it without waiting for a build in progress.
final class SiteState: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Site?

    var site: Site? { lock.withLock { current } }

    func replace(with site: Site?) {
        lock.withLock { current = site }
    }
}
