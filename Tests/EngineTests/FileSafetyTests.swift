import XCTest
import Foundation
@testable import Engine

/// Issue 17, "Files and security": the atomic writer's temporary files, targets that are not regular
/// files, stale temporaries, the one renderer of I/O errors, and telling file kinds apart. Every
/// device-like target is made inside a fresh temporary folder (a FIFO, a folder, symbolic links);
/// no test touches a real device node.
final class FileSafetyTests: XCTestCase {
    private var dir: URL!

    override func setUpWithError() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("spar-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: dir) }

    private func path(_ name: String) -> String { dir.appendingPathComponent(name).path }
    private func listing() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() }
    private func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return (error as? EngineError)?.message ?? "\(error)" }
    }

    /// Symbolic links planted at every name the old writers used (`.NAME.PID.tmp`, `.NAME.tmp-PID`)
    /// made them write through to the link's target.
    func testPlantedLinksAtGuessableTemporaryNamesAreNotFollowed() throws {
        let victim = path("victim.txt")
        try "keep me".write(toFile: victim, atomically: false, encoding: .utf8)
        let pid = getpid()
        for name in [".out.txt.\(pid).tmp", ".out.txt.tmp-\(pid)", ".out.txt.spar-\(pid)-0.tmp"] {
            XCTAssertEqual(symlink(victim, path(name)), 0)
        }
        try AtomicWrite.write(Data("new".utf8), to: path("out.txt"))
        XCTAssertEqual(try String(contentsOfFile: victim, encoding: .utf8), "keep me")
        XCTAssertEqual(try String(contentsOfFile: path("out.txt"), encoding: .utf8), "new")
    }

    /// Saving over a FIFO or a folder replaced the node with a regular file (as root, over
    /// /dev/null too): targets that are not regular files are refused and left as they are.
    func testTargetsThatAreNotRegularFilesAreRefused() throws {
        XCTAssertEqual(mkfifo(path("fifo"), 0o600), 0)
        XCTAssertEqual(message { try AtomicWrite.write(Data("x".utf8), to: path("fifo")) }, "is a FIFO, not a regular file")
        var st = stat()
        XCTAssertEqual(stat(path("fifo"), &st), 0)
        XCTAssertEqual(st.st_mode & S_IFMT, S_IFIFO)

        try FileManager.default.createDirectory(atPath: path("folder"), withIntermediateDirectories: false)
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: path("folder")) }, "is a directory")
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: path("folder") + "/") }, "is a directory")

        // A link to the FIFO is refused too; a link to a regular file writes that file.
        XCTAssertEqual(symlink(path("fifo"), path("to-fifo")), 0)
        XCTAssertEqual(message { try AtomicWrite.write(Data("x".utf8), to: path("to-fifo")) }, "is a FIFO, not a regular file")
        try "old".write(toFile: path("real.txt"), atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink(path("real.txt"), path("link.txt")), 0)
        try AtomicWrite.write(Data("new".utf8), to: path("link.txt"))
        XCTAssertEqual(try String(contentsOfFile: path("real.txt"), encoding: .utf8), "new")
        var link = stat()
        XCTAssertEqual(lstat(path("link.txt"), &link), 0)
        XCTAssertEqual(link.st_mode & S_IFMT, S_IFLNK, "the link stays a link")
        XCTAssertEqual(symlink(path("nowhere"), path("broken")), 0)
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: path("broken")) }, "is a broken symbolic link")
        // Nothing but what the test made: no temporary file is left by the refusals.
        XCTAssertEqual(try listing(), ["broken", "fifo", "folder", "link.txt", "real.txt", "to-fifo"])
    }

    func testMissingFoldersAndBadPathsAreNamed() throws {
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: path("no/such/f.txt")) }, "no such folder '\(path("no"))'")
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: "") }, "the path is empty")
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: dir.path + "/a\u{0}b") }, "the path contains a NUL character")
        XCTAssertEqual(message { _ = try FileProblem.readFile(dir.path + "/a\u{0}b") }, "the path contains a NUL character")
        try "x".write(toFile: path("plain"), atomically: false, encoding: .utf8)
        XCTAssertEqual(message { try AtomicWrite.write(Data(), to: path("plain/f.txt")) }, "'\(path("plain"))' is not a folder")
        // Paths that trap Foundation's NSString path methods on Linux.
        for odd in ["a/", "é/", "a//", "\u{0}", "x/\u{301}/"] {
            XCTAssertNotEqual(message { try AtomicWrite.write(Data(), to: odd) }, "no error", odd)
            XCTAssertNotEqual(message { _ = try FileProblem.readFile(odd) }, "no error", odd)
        }
    }

    /// A killed run leaves its temporary file; the next write of the same target removes it, and
    /// only it: files of other names or of live processes stay.
    func testStaleTemporaryFilesOfAKilledRunAreRemoved() throws {
        var dead: Int32 = 999_999
        while kill(dead, 0) == 0 || errno != ESRCH { dead -= 1 }
        let stale = ".out.txt.spar-\(dead)-1a2b.tmp"
        let live = ".out.txt.spar-\(getpid())-3c4d.tmp"
        let other = ".other.txt.spar-\(dead)-5e6f.tmp"
        let unrelated = ".out.txt.backup.tmp"
        for name in [stale, live, other, unrelated] { try "x".write(toFile: path(name), atomically: false, encoding: .utf8) }
        try AtomicWrite.write(Data("done".utf8), to: path("out.txt"))
        XCTAssertEqual(try listing(), [live, other, unrelated, "out.txt"].sorted())
    }

    func testTheReplacedFileKeepsItsMode() throws {
        let p = path("run.sh")
        try "old".write(toFile: p, atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(p, 0o751), 0)
        try AtomicWrite.write(Data("new".utf8), to: p)
        var st = stat()
        XCTAssertEqual(stat(p, &st), 0)
        XCTAssertEqual(st.st_mode & 0o777, 0o751)
    }

    /// Foundation's error texts never reach a message: one short reason per problem.
    func testIOAndDecodingErrorsAreShortReasons() throws {
        XCTAssertEqual(FileProblem.reason(errno: EISDIR), "is a directory")
        XCTAssertEqual(FileProblem.reason(errno: EACCES), "permission denied")
        XCTAssertEqual(FileProblem.reason(errno: ENOENT, path: path("f.txt")), "no such file")
        XCTAssertEqual(FileProblem.reason(errno: ENOENT, path: path("runs/x/f.txt"), writing: true), "no such folder '\(path("runs"))'")
        // A Cocoa error of a failed read of a folder.
        do { _ = try Data(contentsOf: dir) ; XCTFail("read a folder") } catch {
            XCTAssertEqual(FileProblem.reason(error, path: dir.path), "is a directory")
        }
        do { _ = try Data(contentsOf: URL(fileURLWithPath: path("missing"))) ; XCTFail("read nothing") } catch {
            XCTAssertEqual(FileProblem.sentence(error, path: path("missing")), "cannot read \(path("missing")): no such file")
        }
        struct Header: Decodable { let step: Int; let name: String }
        for (json, reason) in [("{\"name\": \"a\"}", "field 'step' is missing"), ("{\"step\": \"x\", \"name\": \"a\"}", "field 'step' is not an integer in range"),
                               ("[", "not valid JSON")] {
            do { _ = try JSONDecoder().decode(Header.self, from: Data(json.utf8)); XCTFail(json) } catch {
                XCTAssertTrue(FileProblem.reason(error).hasPrefix(reason), "\(json): \(FileProblem.reason(error))")
                XCTAssertFalse(FileProblem.reason(error).contains("DecodingError"))
            }
        }
    }

    func testReadingRefusesFoldersFIFOsAndDevicesWithoutBlocking() throws {
        XCTAssertEqual(mkfifo(path("fifo"), 0o600), 0)
        XCTAssertEqual(message { _ = try FileProblem.readFile(path("fifo")) }, "is a FIFO, not a regular file")
        XCTAssertEqual(message { _ = try FileProblem.readFile(dir.path) }, "is a directory")
        XCTAssertEqual(message { _ = try FileProblem.readFile(path("nothing")) }, "no such file")
        try Data([1, 2, 3]).write(to: URL(fileURLWithPath: path("three")))
        XCTAssertEqual(try FileProblem.readFile(path("three")), Data([1, 2, 3]))
        XCTAssertEqual(try FileProblem.readFile(path("three"), mapped: true), Data([1, 2, 3]))
        XCTAssertEqual(message { _ = try FileProblem.readFile(path("three"), maxBytes: 2) }, "the file has 3 bytes, above the limit of 2")
    }

    /// Spar's own formats and GGUF are told by their first bytes, and a loader given the wrong one
    /// says what it is and which function reads it.
    func testFileKindsAndWrongLoaders() throws {
        let safetensors = try SafeTensors.encode([("w", Tensor([1, 2]))])
        let model = try SafeTensors.encode([("w", Tensor([1]))], metadata: ["spar.model": "llama"])
        let kinds: [(Data, FileKind)] = [
            (Data("SPARGAME 2\n12 00\n{}".utf8), .gameCheckpoint), (Data("GGUF\u{3}\u{0}\u{0}\u{0}".utf8), .gguf),
            (safetensors, .safetensors), (model, .sparModel),
            (Data("{\n  \"format\": \"spar-tokenizer\",\n  \"version\": 1}".utf8), .sparTokenizer),
            (Data("{\"version\": \"1.0\", \"added_tokens\": []}".utf8), .huggingFaceTokenizer),
            (Data([0x50, 0x4B, 0x03, 0x04, 0, 0]), .zipArchive), (Data([0x80, 0x02, 0x7D]), .pickle),
            (Data("print(1)\n".utf8), .text), (Data([0xFF, 0x00, 0x13]), .binary), (Data(), .empty),
        ]
        for (data, kind) in kinds { XCTAssertEqual(FileKind.sniff(data), kind, "\(kind)") }

        let checkpoint = path("run.ckpt")
        try Data("SPARGAME 2\n2 0\n{}".utf8).write(to: URL(fileURLWithPath: checkpoint))
        XCTAssertEqual(message { _ = try SafeTensors.load(checkpoint) },
                       "load: \(checkpoint) is a Spar game checkpoint, not a safetensors file; load it with g.load(path) on a game made with the same arguments")
        XCTAssertTrue(message { _ = try TokenizerFile.load(path: checkpoint) }.contains("is a Spar game checkpoint, not a tokenizer file"))
        let gguf = path("m.gguf")
        try Data("GGUF\u{3}\u{0}\u{0}\u{0}rest".utf8).write(to: URL(fileURLWithPath: gguf))
        XCTAssertEqual(message { _ = try SafeTensors.load(gguf) }, "load: \(gguf) is a GGUF model file, not a safetensors file; load it with model.load(path)")
        let weights = path("w.safetensors")
        try model.write(to: URL(fileURLWithPath: weights))
        XCTAssertTrue(message { _ = try TokenizerFile.load(path: weights) }.contains("is a Spar model checkpoint (safetensors), not a tokenizer file; load it with model.load(path)"))
        XCTAssertEqual(message { _ = try LlamaModel.load(path: checkpoint) },
                       "model.load: \(checkpoint) is a Spar game checkpoint, not a model file; load it with g.load(path) on a game made with the same arguments")
        let game = try GameFixture.game()
        XCTAssertEqual(message { try game.loadCheckpoint(from: weights) },
                       "g.load: \(weights) is a Spar model checkpoint (safetensors), not a game checkpoint; load it with model.load(path)")
    }

    /// The safetensors format forbids two tensors of one name and bytes no tensor owns;
    /// JSONSerialization silently kept one of the two.
    func testSafetensorsWithDuplicateNamesOrStrayBytesAreRejected() throws {
        func file(_ header: String, _ data: [UInt8]) -> Data {
            var d = Data()
            withUnsafeBytes(of: UInt64(header.utf8.count).littleEndian) { d.append(contentsOf: $0) }
            d.append(contentsOf: Array(header.utf8))
            d.append(contentsOf: data)
            return d
        }
        let eight = [UInt8](repeating: 0, count: 8)
        let cases: [(Data, String)] = [
            (file(#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#, eight),
             "the name \"a\" appears twice in the header"),
            (file(#"{"\u0061": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}, "a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#, eight),
             "appears twice"),
            (file(#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [0, 4]}}"#, eight), "4 bytes after the last tensor belong to no tensor"),
            (file(#"{"a": {"dtype": "F32", "shape": [1], "data_offsets": [4, 8]}}"#, eight), "4 bytes of the data section before tensor \"a\""),
            (file(#"{}"#, eight), "8 bytes after the last tensor"),
        ]
        for (i, (data, problem)) in cases.enumerated() {
            XCTAssertTrue(message { _ = try SafeTensors.decode(data, file: "f\(i)") }.contains(problem), "case \(i): \(message { _ = try SafeTensors.decode(data, file: "f\(i)") })")
        }
        // Keys inside nested objects may repeat names of the top level.
        let fine = file(#"{"__metadata__": {"a": "x"}, "a": {"dtype": "F32", "shape": [2], "data_offsets": [0, 8]}}"#, eight)
        XCTAssertEqual(try SafeTensors.decode(fine).tensors.count, 1)
        XCTAssertEqual(JSONKeyScan.topLevelKeys(Data(#" {"x": [1, {"y": 2}], "z\"q": "}", "w": -1e5} "#.utf8)), ["x", "z\"q", "w"])
    }
}
