// libFuzzer target: front matter and the YAML files (workbook.yaml, scores.yaml, a story).
// `make fuzz` builds it with -DFUZZING -sanitize=fuzzer,address and runs it;
// a plain `swift build` compiles the stub at the end instead.

#if FUZZING
import FuzzSupport
@testable import Workbook

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFrontMatter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    FuzzEntry.frontMatter(bytes)
    return 0
}

/// The entry point SwiftPM links as `main`: libFuzzer's driver, with the arguments.
@_cdecl("FuzzFrontMatter_main")
public func fuzzFrontMatterMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzFrontMatter(data, size) }
}
#else
@main
enum FuzzFrontMatter {
    static func main() {
        print("FuzzFrontMatter is a libFuzzer target: run it with `make fuzz`.")
    }
}
#endif
