import ArgumentParser

/// The options of `workbook serve`. `workbook` parses them (so `--help` and
/// mistakes are answered at once), then hands them to `workbook-serve`, which
/// parses them again from `arguments`.
public struct ServeOptions: ParsableArguments {
    @OptionGroup public var contentOptions: ContentOptions

    @Option(name: .long, help: "A theme folder; templates and files it lacks come from the default theme.")
    public var theme: String?

    @Option(name: .long, help: "The address to listen on. The default serves this machine only.")
    public var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on.")
    public var port: UInt16 = 8080

    @Flag(name: .long, help: "Preview the shareable team guide: leave the personal layer (stories/) out.")
    public var guide = false

    public init() {}

    /// The options spelled out in full, each value as one argument: parsing
    /// them gives these options back.
    public var arguments: [String] {
        var arguments = ["--content", contentOptions.content, "--host", host, "--port", String(port)]
        if let theme { arguments += ["--theme", theme] }
        if contentOptions.drafts { arguments.append("--drafts") }
        if guide { arguments.append("--guide") }
        return arguments
    }
}
