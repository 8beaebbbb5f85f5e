import Assets
import Engine
import Foundation

/// What `model.load(x)` reads, decided by what `x` names:
///
///     model.load("smollm2")              an asset fetched by `spar fetch smollm2` ($SPAR_HOME/smollm2)
///     model.load("path/file.gguf")       a GGUF file (any file starting with the GGUF magic)
///     model.load("path/hf_folder")       a Hugging Face folder: config.json, model.safetensors, tokenizer.json
///     model.load("lm.safetensors")       a checkpoint written by m.save
///
/// A folder holding one .gguf file (as an asset's does) loads that file.
enum ModelLoading {
    static func load(_ spec: String, callee: String) throws -> any LanguageModel {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: spec, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? try folder(spec, callee: callee) : try file(spec)
        }
        // A bare name: an asset of the store.
        if !spec.isEmpty, !spec.contains("/"), !spec.contains(".") {
            let folder: String
            do { folder = try AssetStore.require(spec) } catch let e as AssetError { throw ScriptError("\(callee): \(e.message)") }
            return try self.folder(folder, callee: callee)
        }
        throw ScriptError("load: cannot read \(spec): no such file or folder")
    }

    static func file(_ path: String) throws -> any LanguageModel {
        if isGGUF(path) { return try LlamaGGUF.load(path: path) }
        return try LlamaModel.load(path: path)
    }

    static func folder(_ path: String, callee: String) throws -> any LanguageModel {
        let fm = FileManager.default
        if fm.fileExists(atPath: (path as NSString).appendingPathComponent("config.json")) {
            return try LlamaHuggingFace.load(folder: path)
        }
        let ggufs = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".gguf") }.sorted()
        guard ggufs.count == 1, let name = ggufs.first else {
            throw ScriptError("\(callee): \(path) holds \(ggufs.isEmpty ? "no config.json and no .gguf file" : "several .gguf files (\(ggufs.joined(separator: ", "))): name one")")
        }
        return try LlamaGGUF.load(path: (path as NSString).appendingPathComponent(name))
    }

    /// Whether the file starts with "GGUF".
    static func isGGUF(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return (try? h.read(upToCount: 4)) == Data("GGUF".utf8)
    }
}
