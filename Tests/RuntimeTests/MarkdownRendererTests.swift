import XCTest
@testable import Runtime

final class MarkdownRendererTests: XCTestCase {
    func testBlocks() {
        let html = MarkdownRenderer.html("""
            # Title
            Some *em* and **strong** and `a < b`.
            Same paragraph.

            - one
            - two
              continued
            1. first
            2) second

            > quoted *text*

            ```
            let x = <y>
            ```
            """)
        XCTAssertEqual(html, """
            <h1>Title</h1>
            <p>Some <em>em</em> and <strong>strong</strong> and <code>a &lt; b</code>.
            Same paragraph.</p>
            <ul>
            <li>one</li>
            <li>two
            continued</li>
            </ul>
            <ol>
            <li>first</li>
            <li>second</li>
            </ol>
            <blockquote>
            <p>quoted <em>text</em></p>
            </blockquote>
            <pre><code>let x = &lt;y&gt;</code></pre>

            """)
    }

    func testNothingUnsafePasses() {
        let html = MarkdownRenderer.html("<script>alert(1)</script> [x](javascript:alert(1)) [y](data:text/html,hi) [ok](https://a.org/?q=1&r=2) [rel](report_files/a.svg)")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("javascript:"))
        XCTAssertFalse(html.contains("data:"))
        XCTAssertTrue(html.contains("&lt;script&gt;"))
        XCTAssertTrue(html.contains("<a href=\"https://a.org/?q=1&amp;r=2\">ok</a>"))
        XCTAssertTrue(html.contains("<a href=\"report_files/a.svg\">rel</a>"))
        XCTAssertTrue(html.contains("&gt; x y <a"), "unsafe links keep their text only: \(html)")
    }

    /// Protocol-relative links would load from any host (issue 17): they keep their text only.
    func testProtocolRelativeLinksAreDropped() {
        let html = MarkdownRenderer.html("[a](//evil.example/x.js) [b](/\\evil.example) [c](\\\\evil.example) [d](/local/path)")
        XCTAssertFalse(html.contains("evil.example"), html)
        XCTAssertTrue(html.contains("<a href=\"/local/path\">d</a>"), html)
    }

    func testUnderscoresInsideWordsAreNotEmphasis() {
        XCTAssertEqual(MarkdownRenderer.inline("snake_case_name and _em_"), "snake_case_name and <em>em</em>")
        XCTAssertEqual(MarkdownRenderer.inline("2 * 3 * 4"), "2 * 3 * 4")
        XCTAssertEqual(MarkdownRenderer.inline("\\*literal\\*"), "*literal*")
    }
}
