import CEditLine
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How libedit reads the terminal. Left to itself it reads one byte per `read(2)` and echoes every
/// character with its own `write(2)`: pasting a 1 MB line costs two million system calls and as many
/// terminal redraws (measured with `perf`: three quarters of the time in the kernel's tty code, the
/// rest in libc's write and flush). This reader fills a 64 kB buffer per `read`, hands libedit one
/// character at a time from it, and when a burst of more than `pasteThreshold` printable bytes is
/// waiting (a paste; nobody types that fast) inserts the whole run into the line at once and
/// redraws once.
///
/// It decodes UTF-8 itself: libedit passes the value returned here on as one wide character.
enum EditLineInput {
    /// Printable bytes waiting at once above which they are inserted as one piece of text.
    static let pasteThreshold = 512

    nonisolated(unsafe) static var buffer = [UInt8](repeating: 0, count: 1 << 16)
    nonisolated(unsafe) static var start = 0
    nonisolated(unsafe) static var end = 0

    static func install() {
        rl_getc_function = editLineGetc
    }

    /// Reads more bytes after `end`; false at end of input, on an error or when interrupted (EINTR:
    /// Ctrl-C makes `readline` return, as with libedit's own reader).
    static func fill() -> Bool {
        if start == end { start = 0; end = 0 }
        if end == buffer.count {
            // Keep the unread bytes, move them to the front.
            let pending = end - start
            buffer.withUnsafeMutableBufferPointer { b in
                guard let base = b.baseAddress else { return }
                memmove(base, base + start, pending)
            }
            start = 0; end = pending
            if end == buffer.count { buffer.append(contentsOf: [UInt8](repeating: 0, count: buffer.count)) }
        }
        let n = buffer.withUnsafeMutableBufferPointer { b -> Int in
            guard let base = b.baseAddress else { return -1 }
            return read(STDIN_FILENO, base + end, b.count - end)
        }
        guard n > 0 else { return false }
        end += n
        return true
    }

    /// True when more input arrives within `milliseconds`.
    static func moreIsReady(within milliseconds: Int32) -> Bool {
        var p = pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0)
        return poll(&p, 1, milliseconds) > 0 && p.revents & Int16(POLLIN) != 0
    }

    /// The length of the UTF-8 sequence a byte starts (1 for ASCII and for stray bytes).
    static func utf8Length(_ lead: UInt8) -> Int {
        lead < 0xC0 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    static func isPlain(_ b: UInt8) -> Bool { b >= 0x20 && b != 0x7F || b == 0x09 }

    /// If a long run of plain bytes is waiting, takes all of it that is ready (up to a control
    /// character such as the newline) and inserts it into the line as text.
    static func insertPasteIfAny() {
        var run = 0
        while start + run < end, isPlain(buffer[start + run]) { run += 1 }
        guard run >= pasteThreshold else { return }
        // Gather the whole burst: a terminal delivers a paste in pieces, and inserting (and
        // redrawing the line) per piece would be quadratic in its length.
        while start + run == end, moreIsReady(within: 30), fill() {
            while start + run < end, isPlain(buffer[start + run]) { run += 1 }
        }
        // Do not split a UTF-8 character: an incomplete last one waits for the next read.
        var cut = run
        var lead = cut - 1
        while lead > 0, buffer[start + lead] & 0xC0 == 0x80 { lead -= 1 }
        if lead >= 0 && lead + utf8Length(buffer[start + lead]) > cut { cut = lead }
        guard cut > 0 else { return }
        var text = Array(buffer[start..<(start + cut)])
        text.append(0)
        start += cut
        text.withUnsafeBufferPointer { p in
            p.baseAddress.map { p in p.withMemoryRebound(to: CChar.self, capacity: cut + 1) { _ = rl_insert_text($0) } }
        }
        // One redraw (not rl_redisplay: libedit implements that by pushing the reprint key, which
        // emacs mode binds to a history search). The forced redraw assumes the cursor at the start
        // of the prompt's row, so it is put there first.
        fputs("\r", stdout)
        fflush(stdout)
        rl_forced_update_display()
    }

    /// The next character as a Unicode code point, or -1 at end of input or on Ctrl-C.
    static func nextCharacter() -> Int32 {
        if start == end, !fill() { return -1 }
        insertPasteIfAny()
        if start == end, !fill() { return -1 }
        let lead = buffer[start]
        let length = utf8Length(lead)
        while end - start < length { if !fill() { break } }
        guard end - start >= length else { start = end; return -1 }
        var value = UInt32(lead)
        if length > 1 {
            value = UInt32(lead) & (0xFF >> (length + 1))
            for k in 1..<length {
                let b = buffer[start + k]
                guard b & 0xC0 == 0x80 else { start += k; return 0xFFFD }
                value = value << 6 | UInt32(b & 0x3F)
            }
        }
        start += length
        return Int32(bitPattern: value)
    }
}

private func editLineGetc(_ stream: UnsafeMutablePointer<FILE>?) -> Int32 {
    EditLineInput.nextCharacter()
}
