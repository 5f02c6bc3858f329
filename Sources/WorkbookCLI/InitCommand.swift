import ArgumentParser
import Foundation
import WorkbookTerminal
import Workbook
import WorkbookMarkdown

struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a workbook: workbook.yaml, a chapter, a story and a self-score. Never overwrites.")

    @Argument(help: "The folder to create the workbook in.")
    var folder: String = "Content"

    func run() throws {
        let (written, diagnostics) = ScaffoldWriter.write(Scaffold.workbook(), into: folder)
        try Terminal.report(written: written, diagnostics: diagnostics)
        print("Build it with: workbook build --content \(folder)")
    }
}

struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Add a chapter or a story from a template. Never overwrites.",
        subcommands: [NewChapter.self, NewStory.self])

    struct NewChapter: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "chapter", abstract: "Add chapters/<name>.md.")

        @Argument(help: "The chapter's title; its file name is made from it.")
        var name: String

        @Option(name: .long, help: "The workbook folder.")
        var content: String = "Content"

        func run() throws {
            let file = Scaffold.chapter(name: name, number: ScaffoldWriter.nextChapterNumber(in: content))
            let (written, diagnostics) = ScaffoldWriter.write([file], into: content)
            try Terminal.report(written: written, diagnostics: diagnostics)
        }
    }

    struct NewStory: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "story", abstract: "Add stories/<name>.md: a personal evidence story.")

        @Argument(help: "The story's title; its file name is made from it.")
        var name: String

        @Option(name: .long, help: "The workbook folder.")
        var content: String = "Content"

        func run() throws {
            let (written, diagnostics) = ScaffoldWriter.write([Scaffold.story(name: name)], into: content)
            try Terminal.report(written: written, diagnostics: diagnostics)
        }
    }
}

extension Terminal {
    static func report(written: [String], diagnostics: [Diagnostic]) throws {
        for diagnostic in diagnostics { printError(DiagnosticFormatter.text(diagnostic, sources: [:])) }
        for path in written { print("Created \(path)") }
        if !diagnostics.isEmpty { throw ExitCode(1) }
    }
}
