// libFuzzer target: the directive and table layer (Markdown with `:::` fences and pipe tables).
// `make fuzz` builds it with -DFUZZING -sanitize=fuzzer,address and runs it;
// a plain `swift build` compiles the stub at the end instead.

#if FUZZING
import FuzzSupport
@testable import Workbook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDirectives(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEntry.directives(bytes)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver, with the arguments.
@_cdecl("FuzzDirectives_main")
public func fuzzDirectivesMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzDirectives(data, size) }
}
#else
@main
enum FuzzDirectives {
    static func main() {
        print("FuzzDirectives is a libFuzzer target: run it with `make fuzz`.")
    }
}
#endif
