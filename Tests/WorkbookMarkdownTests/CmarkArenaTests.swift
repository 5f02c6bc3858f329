import CmarkArena
import Testing
@testable import WorkbookMarkdown

/// The bump allocator libcmark parses in: cmark's calloc, realloc and free
/// semantics, scopes given back in LIFO order, and memory kept bounded.
/// Each test runs on one thread, so it sees that thread's arena alone.
@Suite struct CmarkArenaTests {
    private static func bytes(_ pointer: UnsafeMutableRawPointer, _ count: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: count))
    }

    @Test func callocZeroesMemoryAnEarlierParseLeftDirty() throws {
        let mark = workbook_arena_mark_now()
        let first = try #require(workbook_arena_calloc(8, 8))
        first.initializeMemory(as: UInt8.self, repeating: 0xFF, count: 64)
        workbook_arena_release(mark)
        let again = try #require(workbook_arena_calloc(16, 4))
        #expect(again == first)
        #expect(Self.bytes(again, 64) == [UInt8](repeating: 0, count: 64))
        workbook_arena_release(mark)
    }

    @Test func reallocKeepsTheContentInPlaceOrMoved() throws {
        let mark = workbook_arena_mark_now()
        defer { workbook_arena_release(mark) }
        let text = Array("abcdefghij".utf8)
        let block = try #require(workbook_arena_realloc(nil, 10))
        block.copyMemory(from: text, byteCount: 10)
        // The last allocation grows where it is.
        let grown = try #require(workbook_arena_realloc(block, 100))
        #expect(grown == block)
        #expect(Self.bytes(grown, 10) == text)
        // Once another allocation follows it, growing moves and copies it.
        let other = try #require(workbook_arena_calloc(1, 32))
        let moved = try #require(workbook_arena_realloc(grown, 200))
        #expect(moved != grown && moved != other)
        #expect(Self.bytes(moved, 10) == text)
        // Shrinking keeps the bytes it keeps.
        let shrunk = try #require(workbook_arena_realloc(moved, 4))
        #expect(Self.bytes(shrunk, 4) == Array("abcd".utf8))
        // Larger than a chunk (1 MB): a chunk of its own, the bytes copied over.
        let large = try #require(workbook_arena_realloc(shrunk, 3 << 20))
        #expect(Self.bytes(large, 4) == Array("abcd".utf8))
        workbook_arena_free(large)
    }

    @Test func anInnerScopeGivesBackOnlyWhatItTook() throws {
        let outer = workbook_arena_mark_now()
        defer { workbook_arena_release(outer) }
        let kept = try #require(workbook_arena_calloc(1, 16))
        kept.copyMemory(from: Array("outer tree bytes".utf8), byteCount: 16)
        let inner = workbook_arena_mark_now()
        let taken = try #require(workbook_arena_calloc(1, 48))
        taken.initializeMemory(as: UInt8.self, repeating: 0xAA, count: 48)
        workbook_arena_release(inner)
        #expect(Self.bytes(kept, 16) == Array("outer tree bytes".utf8))
        // The next allocation reuses the inner scope's memory, not the outer's.
        #expect(try #require(workbook_arena_calloc(1, 48)) == taken)
    }

    @Test func aLargeParseIsGivenBackDownToWhatTheThreadKeeps() throws {
        let mark = workbook_arena_mark_now()
        for _ in 0..<40 { _ = try #require(workbook_arena_calloc(1, 1 << 20)) }
        #expect(workbook_arena_reserved() >= 40 << 20)
        workbook_arena_release(mark)
        // 16 MB are kept for the thread's next parses; what is above is freed.
        #expect(workbook_arena_reserved() <= 16 << 20)
    }

    /// A paragraph's tree stays readable while a table inside it parses its
    /// cells (a parse within a parse), and the text comes out as cmark reads it.
    @Test func nestedParsesReadTheirTreesIntact() {
        let markdown = """
            Intro *text* before.

            | Level | Evidence |
            |---|---|
            | Senior | **owned** the `rollout` |

            After the table, a [link](b.html) and &amp; an entity.
            """
        let html = HTMLRenderer.html(MarkdownParser.parse(markdown).blocks)
        #expect(html == """
            <p>Intro <em>text</em> before.</p>
            <div class="table-scroll"><table>
            <thead>
            <tr>
            <th>Level</th>
            <th>Evidence</th>
            </tr>
            </thead>
            <tbody>
            <tr>
            <td>Senior</td>
            <td><strong>owned</strong> the <code>rollout</code></td>
            </tr>
            </tbody>
            </table></div>
            <p>After the table, a <a href="b.html">link</a> and &amp; an entity.</p>

            """)
    }
}
