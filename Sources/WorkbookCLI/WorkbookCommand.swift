import ArgumentParser
import Foundation
import Workbook
import WorkbookMarkdown
import WorkbookTerminal

@main
struct WorkbookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "workbook",
        abstract: "Build calibration workbooks: Markdown chapters in, a browsable HTML workbook out.",
        version: WorkbookVersion.current,
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, InitCommand.self, NewCommand.self]
    )
}
