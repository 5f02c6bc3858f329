// libFuzzer target: whole-chapter loading, checking and rendering.
// `make fuzz` builds it with -DFUZZING -sanitize=fuzzer,address and runs it;
// a plain `swift build` compiles the stub at the end instead.

#if FUZZING
import FuzzSupport
@testable import Workbook
import Foundation

/// The default theme of this source tree, loaded once.
let theme: Theme? = {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    return Theme.load(defaultDirectory: root.appendingPathComponent("Themes/default").path).0
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzChapter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEntry.chapter(bytes, theme: theme)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver, with the arguments.
@_cdecl("FuzzChapter_main")
public func fuzzChapterMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzChapter(data, size) }
}
#else
@main
enum FuzzChapter {
    static func main() {
        print("FuzzChapter is a libFuzzer target: run it with `make fuzz`.")
    }
}
#endif
