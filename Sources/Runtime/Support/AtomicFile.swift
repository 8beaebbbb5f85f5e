import Engine
import Foundation

/// Writes the text files the notebook and display values produce (reports, charts, tables)
/// through the engine's one atomic writer, with the script-facing error message.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws {
        guard !path.isEmpty else { throw ScriptError("cannot write a file with an empty path") }
        do {
            try AtomicWrite.write(Data(text.utf8), to: path)
        } catch let error as EngineError {
            throw ScriptError("cannot write '\(path)': \(error.message)")
        }
    }
}
