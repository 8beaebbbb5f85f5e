import XCTest
import Engine
@testable import Runtime

/// Feeds at least 100,000 random and mutated programs (seeded) through the parser and the
/// interpreter with a step limit. Passing means: no crash, no hang, and every run ends with a status.
/// SPAR_FUZZ_COUNT overrides the count (the default is the 100,000 the suite requires).
final class RobustnessTests: XCTestCase {
    static let vocabulary = [
        "let", "var", "fn", "return", "if", "else", "while", "for", "in", "break", "continue", "try", "catch",
        "use", "true", "false", "nil", "and", "or", "not", "(", ")", "[", "]", "{", "}", ",", ":", ";", ".",
        "+", "-", "*", "/", "//", "%", "@", "**", "|>", "=", "+=", "-=", "*=", "/=", "==", "!=", "<", "<=",
        ">", ">=", "..<", "...", "\n", "x", "xs", "f", "0", "1", "-1", "2.5", "1e308", "\"s\"", "\"\\(x)\"",
        "print", "len", "range", "error", "assert", "str", "num", "type", "show", "text", "_", "\"\"\"\n",
        "fn(a) { a }", "[1, 2, 3]", "{a: 1}", "0..<3", "xs.map", ".push(1)", "[-1]", "[0..<2]",
    ]

    func testRandomAndMutatedPrograms() throws {
        let count = Int(ProcessInfo.processInfo.environment["SPAR_FUZZ_COUNT"] ?? "") ?? 100_000
        let corpus = try GoldenScript.files(in: GoldenScriptTests.scriptsDirectory)
            .map { try String(contentsOf: $0, encoding: .utf8) }
        XCTAssertFalse(corpus.isEmpty)
        var rng = SeededRandom(seed: 20_261_129)
        var statuses: [RunStatus: Int] = [:]
        var session = Session(out: { _ in }, err: { _ in })
        session.stepLimit = 2_000
        let start = Date()
        for i in 0..<count {
            if i % 2_000 == 0 {
                session = Session(out: { _ in }, err: { _ in })
                session.stepLimit = 2_000
            }
            let program = makeProgram(corpus, &rng)
            _ = session.needsMoreInput(program)
            _ = session.completions(line: program, cursor: rng.nextInt(below: program.count + 1))
            let status = i % 2 == 0 ? session.run(source: program, path: "fuzz") : session.evalInteractive(program)
            statuses[status, default: 0] += 1
        }
        let seconds = Date().timeIntervalSince(start)
        print("robustness: \(count) programs in \(String(format: "%.1f", seconds)) s: \(statuses)")
        // Mutations must exercise both the front end's errors and the interpreter.
        XCTAssertGreaterThan(statuses[.ok, default: 0], count / 50)
        XCTAssertGreaterThan(statuses[.compileError, default: 0], count / 50)
        XCTAssertGreaterThan(statuses[.runtimeError, default: 0], count / 200)
    }

    func makeProgram(_ corpus: [String], _ rng: inout SeededRandom) -> String {
        let kind = rng.nextInt(below: 10)
        if kind == 0 { return randomTokens(&rng) }
        if kind == 1 { return deepNesting(&rng) }
        var tokens = tokenize(corpus[rng.nextInt(below: corpus.count)])
        let edits = 1 + rng.nextInt(below: 4)
        for _ in 0..<edits where !tokens.isEmpty {
            let i = rng.nextInt(below: tokens.count)
            switch rng.nextInt(below: 7) {
            case 0: tokens.remove(at: i)
            case 1: tokens.insert(tokens[i], at: i)
            case 2: tokens.swapAt(i, rng.nextInt(below: tokens.count))
            case 3: tokens.insert(Self.vocabulary[rng.nextInt(below: Self.vocabulary.count)], at: i)
            case 4: tokens[i] = Self.vocabulary[rng.nextInt(below: Self.vocabulary.count)]
            case 5: tokens.insert(randomBytes(&rng), at: i)
            default: tokens.removeSubrange(i..<min(tokens.count, i + 1 + rng.nextInt(below: 8)))
            }
        }
        return tokens.joined()
    }

    /// Splits text into words, runs of spaces and single punctuation characters, so mutations keep
    /// most of a program's shape.
    func tokenize(_ text: String) -> [String] {
        var tokens: [String] = []
        var word = ""
        for ch in text {
            if ch.isLetter || ch.isNumber || ch == "_" { word.append(ch); continue }
            if !word.isEmpty { tokens.append(word); word = "" }
            tokens.append(String(ch))
        }
        if !word.isEmpty { tokens.append(word) }
        return tokens
    }

    func randomTokens(_ rng: inout SeededRandom) -> String {
        (0..<(1 + rng.nextInt(below: 40))).map { _ in Self.vocabulary[rng.nextInt(below: Self.vocabulary.count)] }
            .joined(separator: rng.nextInt(below: 2) == 0 ? " " : "")
    }

    func randomBytes(_ rng: inout SeededRandom) -> String {
        let bytes = (0..<(1 + rng.nextInt(below: 6))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
        return String(decoding: bytes, as: UTF8.self)
    }

    func deepNesting(_ rng: inout SeededRandom) -> String {
        let depth = 1 + rng.nextInt(below: 400)
        let shapes = [("(", ")"), ("[", "]"), ("{a: ", "}"), ("fn() { ", " }"), ("if true { ", " }"), ("-", ""),
                      ("not ", ""), ("f(", ")"), ("\"\\(", ")\""), ("[[", "][0]]"), ("try { ", " } catch e { 0 }")]
        let (open, close) = shapes[rng.nextInt(below: shapes.count)]
        return "fn f(a) { a }\nlet x = " + String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
    }
}
