import Foundation
import Testing

/// Every view model field can be found by templates: the generated
/// MustacheParent switches (ViewModels+Mustache.swift) list exactly the fields
/// of each view model. Regenerate with Scripts/generate-view-model-lookups.py.
@Suite struct ViewModelLookupTests {
    static let folder = Repo.root + "/Sources/Workbook/Render/ViewModels"

    static func fields(in text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for match in text.matches(of: #/(?m)^struct (\w+): Sendable \{([\s\S]*?)^\}/#) {
            result[String(match.1)] = String(match.2).matches(of: #/(?m)^    var (\w+): /#).map { String($0.1) }
        }
        return result
    }

    static func lookups(in text: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for match in text.matches(of: #/(?m)^extension (\w+): MustacheParent \{([\s\S]*?)^\}/#) {
            result[String(match.1)] = String(match.2).matches(of: #/case "(\w+)":/#).map { String($0.1) }
        }
        return result
    }

    @Test func generatedLookupsMatchTheViewModels() throws {
        var declared: [String: [String]] = [:]
        for file in try FileManager.default.contentsOfDirectory(atPath: Self.folder).sorted()
        where file.hasSuffix(".swift") && !file.hasPrefix("ViewModels+") {
            declared.merge(Self.fields(in: try String(contentsOfFile: Self.folder + "/" + file, encoding: .utf8))) { a, _ in a }
        }
        let generated = Self.lookups(in: try String(contentsOfFile: Self.folder + "/ViewModels+Mustache.swift", encoding: .utf8))
        #expect(declared.count > 30)
        #expect(generated == declared, "run Scripts/generate-view-model-lookups.py")
    }
}
