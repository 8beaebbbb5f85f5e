import Foundation

/// A byte-level BPE pre-tokenizer: a sequence of split rules (`PreTokenizerRule`), each applied to
/// every piece the previous one made, as Hugging Face's `Sequence` of `Split`/`Digits`/`ByteLevel`
/// steps does. The final pieces are what BPE merges never cross.
///
///     let pre = try PreTokenizer(rules: [.digits, .gpt2], context: "smollm")
///     pre.pieces(of: "Hello world 42")   // ["Hello", " world", " ", "4", "2"]
struct PreTokenizer: @unchecked Sendable {
    // @unchecked: the compiled regexes are immutable after init and only read.
    let rules: [PreTokenizerRule]
    private let regexes: [Regex<AnyRegexOutput>?]
    /// With a `prefixSpace` step: the rules before it and the rules after it.
    private let aroundPrefix: [PreTokenizer]

    init(rules: [PreTokenizerRule], context: String) throws {
        self.rules = rules
        if let k = rules.firstIndex(of: .prefixSpace) {
            aroundPrefix = [try PreTokenizer(rules: Array(rules[..<k]), context: context),
                            try PreTokenizer(rules: Array(rules[(k + 1)...]), context: context)]
        } else {
            aroundPrefix = []
        }
        regexes = try rules.map { rule in
            guard case .regex(let pattern) = rule else { return nil }
            do {
                return try Regex(pattern).matchingSemantics(.unicodeScalar)
            } catch {
                throw EngineError("\(context): the pre-tokenizer pattern \(pattern.debugDescription) is not a regular expression Spar can run (\(error))")
            }
        }
    }

    /// Calls `piece` with the byte range of each piece of `bytes[range]`, in order; the pieces cover
    /// the range. `scratch` holds reusable buffers.
    func split(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, scratch: inout PreTokenizerScratch,
               piece: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        guard !range.isEmpty else { return }
        if aroundPrefix.count == 2 {
            splitWithPrefix(bytes, range, scratch: &scratch, piece: piece)
            return
        }
        scratch.run.load(bytes, range)
        let run = scratch.run
        run.flags.withUnsafeBufferPointer { f in
            run.offsets.withUnsafeBufferPointer { o in
                guard let fb = f.baseAddress, let ob = o.baseAddress, let bb = bytes.baseAddress else { return }
                let m = ScalarMatcher(flags: fb, offsets: ob, bytes: bb)
                apply(0, m, bytes, 0, run.count) { a, b in piece(bytes, ob[a]..<ob[b]) }
            }
        }
    }

    /// Runs rule `k` and the ones after it over scalars `start..<end`, calling `emit` with scalar ranges.
    private func apply(_ k: Int, _ m: ScalarMatcher, _ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                       _ emit: (Int, Int) -> Void) {
        guard k < rules.count else { emit(start, end); return }
        func next(_ a: Int, _ b: Int) { apply(k + 1, m, bytes, a, b, emit) }
        if let regex = regexes[k] {
            regexSplit(regex, m, bytes, start, end, next)
            return
        }
        let rule = rules[k]
        var i = start, gap = start
        while i < end {
            let j = m.match(rule, i, end)
            if j > i {
                if gap < i { next(gap, i) }
                next(i, j)
                i = j; gap = j
            } else {
                i += 1
            }
        }
        if gap < end { next(gap, end) }
    }

    /// A rule run by Swift's regex engine over the scalars `start..<end`.
    private func regexSplit(_ regex: Regex<AnyRegexOutput>, _ m: ScalarMatcher, _ bytes: UnsafeBufferPointer<UInt8>,
                            _ start: Int, _ end: Int, _ next: (Int, Int) -> Void) {
        let lo = m.offsets[start], hi = m.offsets[end]
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
        // Scalar index of each match boundary, found by walking the scalars in step with the offsets.
        var gap = start
        var scalarIndex = start
        var index = text.unicodeScalars.startIndex
        func advance(to target: String.Index) -> Int {
            while index < target { text.unicodeScalars.formIndex(after: &index); scalarIndex += 1 }
            return scalarIndex
        }
        for match in text.matches(of: regex) where !match.range.isEmpty {
            let a = advance(to: match.range.lowerBound)
            let b = advance(to: match.range.upperBound)
            if gap < a { next(gap, a) }
            next(a, b)
            gap = b
        }
        if gap < end { next(gap, end) }
    }

    /// The rules before `prefixAt` run on the text; each of their pieces then gets a leading space
    /// if it lacks one, and the rest of the rules run on that new text.
    private func splitWithPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>,
                                 scratch: inout PreTokenizerScratch,
                                 piece: (UnsafeBufferPointer<UInt8>, Range<Int>) -> Void) {
        let before = aroundPrefix[0], after = aroundPrefix[1]
        var firstPieces: [Range<Int>] = []
        if before.rules.isEmpty { firstPieces = [range] } else {
            var inner = PreTokenizerScratch()
            before.split(bytes, range, scratch: &inner) { _, r in firstPieces.append(r) }
        }
        for r in firstPieces {
            var text = [UInt8]()
            text.reserveCapacity(r.count + 1)
            if r.isEmpty || bytes[r.lowerBound] != 0x20 { text.append(0x20) }
            text.append(contentsOf: bytes[r])
            text.withUnsafeBufferPointer { t in
                after.split(t, 0..<t.count, scratch: &scratch, piece: piece)
            }
        }
    }

    /// The pieces of a string, for tests and display.
    func pieces(of text: String) -> [String] {
        var text = text
        var out: [String] = []
        var scratch = PreTokenizerScratch()
        text.withUTF8 { b in
            split(b, 0..<b.count, scratch: &scratch) { buf, r in
                out.append(String(decoding: UnsafeBufferPointer(rebasing: buf[r]), as: UTF8.self))
            }
        }
        return out
    }
}

/// Buffers a pre-tokenizer reuses from one piece of text to the next.
struct PreTokenizerScratch {
    var run = ScalarRun()
}
