import ArgumentParser

/// Options shared by the commands that read a content folder.
public struct ContentOptions: ParsableArguments {
    @Option(name: .long, help: "The workbook folder (holds workbook.yaml and chapters/).")
    public var content: String = "Content"

    @Flag(name: .long, help: "Include chapters marked `draft: true`.")
    public var drafts = false

    public init() {}
}
