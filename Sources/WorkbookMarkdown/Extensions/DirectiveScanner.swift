/// Splits a document's lines into Markdown runs and directive containers,
/// following fence lengths and leaving lines inside code fences alone.
struct DirectiveScanner {
    indirect enum Segment {
        case markdown(Range<Int>)
        case directive(Opened, [Segment])
    }

    /// An opening fence and where it is. A class: the scanner's frames and the
    /// block builder pass it along several times, and a copy of the fence's
    /// strings and arrays cost a retain for each.
    final class Opened {
        let fence: DirectiveFence
        let lineIndex: Int
        let fenceOffset: Int

        init(fence: DirectiveFence, lineIndex: Int, fenceOffset: Int) {
            self.fence = fence
            self.lineIndex = lineIndex
            self.fenceOffset = fenceOffset
        }
    }

    let source: SourceLines
    private(set) var diagnostics: [Diagnostic] = []

    init(source: SourceLines) {
        self.source = source
    }

    private struct Frame {
        var opened: Opened?
        /// A malformed opening fence (already reported): its closing fence
        /// closes it quietly and its body stays in the enclosing container.
        var malformedLength: Int?
        var children: [Segment] = []
        var runStart: Int?

        mutating func flush(upTo end: Int) {
            if let start = runStart, start < end { children.append(.markdown(start..<end)) }
            runStart = nil
        }

        mutating func text(_ index: Int) {
            if runStart == nil { runStart = index }
        }
    }

    mutating func scan() -> [Segment] {
        var stack = [Frame()]
        var codeFence: CodeFence?
        // Fences opened past the nesting limit: their lines stay text of the
        // deepest container, each closing fence closes one of them.
        var overflow = 0
        for index in 0..<source.count {
            // Neither a fence nor the end of a code block: text, wherever it is.
            guard source.mayBeFence(index) else {
                stack[stack.count - 1].text(index)
                continue
            }
            let line = source[index]
            if let fence = codeFence {
                if fence.isClosed(by: line) { codeFence = nil }
                stack[stack.count - 1].text(index)
                continue
            }
            if let fence = CodeFence.opening(line, lineIndex: index) {
                codeFence = fence
                stack[stack.count - 1].text(index)
                continue
            }
            let kind = DirectiveFence.classify(line)
            switch kind {
            case .notAFence:
                break
            case .closing where overflow > 0:
                overflow -= 1
                stack[stack.count - 1].text(index)
                continue
            case .opening, .malformed:
                guard overflow > 0 || stack.count > MarkdownLimits.blockNesting else { break }
                if overflow == 0 {
                    diagnostics.append(.error(MarkdownLimits.blockNestingMessage, at: source.location(line: index, byteOffset: line.prefix { $0 == 0x20 }.count)))
                }
                overflow += 1
                stack[stack.count - 1].text(index)
                continue
            case .closing:
                break
            }
            switch kind {
            case .notAFence:
                stack[stack.count - 1].text(index)
            case .malformed(let message, let offset, let length):
                diagnostics.append(.error(message, at: source.location(line: index, byteOffset: offset)))
                stack[stack.count - 1].flush(upTo: index)
                // The line stays as text; its closing fence pairs with it quietly.
                stack.append(Frame(opened: nil, malformedLength: length, runStart: index))
            case .opening(let fence):
                stack[stack.count - 1].flush(upTo: index)
                let offset = line.prefix { $0 == 0x20 }.count
                stack.append(Frame(opened: Opened(fence: fence, lineIndex: index, fenceOffset: offset)))
            case .closing(let length):
                if let malformed = stack[stack.count - 1].malformedLength, length >= malformed {
                    var frame = stack.removeLast()
                    frame.flush(upTo: index)
                    stack[stack.count - 1].children += frame.children
                    continue
                }
                guard stack.count > 1, let open = stack[stack.count - 1].opened else {
                    diagnostics.append(
                        .error(
                            "closing fence `\(String(repeating: ":", count: length))` has no open directive to close",
                            at: source.location(line: index, byteOffset: line.prefix { $0 == 0x20 }.count)))
                    continue
                }
                guard length >= open.fence.fenceLength else {
                    diagnostics.append(
                        .error(
                            "closing fence `\(String(repeating: ":", count: length))` is shorter than the opening fence of `\(open.fence.name)` on line \(source.lineNumber(open.lineIndex)); it needs at least \(open.fence.fenceLength) colons",
                            at: source.location(line: index, byteOffset: line.prefix { $0 == 0x20 }.count)))
                    continue
                }
                var frame = stack.removeLast()
                frame.flush(upTo: index)
                stack[stack.count - 1].children.append(.directive(open, frame.children))
            }
        }
        // Close what the file left open, so that the rest still parses.
        while stack.count > 1 {
            var frame = stack.removeLast()
            frame.flush(upTo: source.count)
            guard let open = frame.opened else {
                stack[stack.count - 1].children += frame.children
                continue
            }
            var message = "unclosed directive `\(open.fence.name)`: no closing `\(String(repeating: ":", count: open.fence.fenceLength))` before the end of the file"
            if let fence = codeFence, fence.lineIndex > open.lineIndex {
                message += " (the code fence opened on line \(source.lineNumber(fence.lineIndex)) is still open)"
            }
            diagnostics.append(.error(message, at: source.location(line: open.lineIndex, byteOffset: open.fenceOffset)))
            stack[stack.count - 1].children.append(.directive(open, frame.children))
        }
        stack[0].flush(upTo: source.count)
        return stack[0].children
    }
}
