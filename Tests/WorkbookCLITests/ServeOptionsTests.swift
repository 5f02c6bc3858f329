import Testing
import WorkbookTerminal

/// `workbook serve` hands its parsed options to `workbook-serve` as arguments:
/// parsing those must give the same options back.
struct ServeOptionsTests {
    struct Parsed: Equatable {
        var content: String
        var drafts: Bool
        var theme: String?
        var host: String
        var port: UInt16
        var guide: Bool

        init(_ options: ServeOptions) {
            content = options.contentOptions.content
            drafts = options.contentOptions.drafts
            theme = options.theme
            host = options.host
            port = options.port
            guide = options.guide
        }
    }

    @Test(arguments: [
        [],
        ["--content", "My Workbook", "--drafts"],
        ["--theme", "odd name/é", "--host", "::1", "--port", "0", "--guide"],
        ["--content=a=b", "--port", "65535", "--theme", ""],
    ])
    func argumentsParseBackToTheSameOptions(_ arguments: [String]) throws {
        let options = try ServeOptions.parse(arguments)
        let again = try ServeOptions.parse(options.arguments)
        #expect(Parsed(again) == Parsed(options))
    }

    @Test func argumentsSpellOutEveryValue() throws {
        let options = try ServeOptions.parse(["--guide", "--port", "9000", "--theme", "t"])
        #expect(options.arguments == ["--content", "Content", "--host", "127.0.0.1", "--port", "9000", "--theme", "t", "--guide"])
    }
}
