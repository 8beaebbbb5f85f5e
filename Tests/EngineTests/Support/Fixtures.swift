import Foundation
import XCTest
@testable import Engine

/// Loads the committed reference data made by Fixtures/make_fixtures.py.
enum Fixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    static func ops() throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("ops.json"))
        guard let root = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw EngineError("ops.json is not an object")
        }
        return root
    }

    /// A tensor stored as {"shape": [...], "data": [...]}.
    static func tensor(_ any: Any?) throws -> Tensor {
        guard let dict = any as? [String: Any], let shape = dict["shape"] as? [Int],
              let data = dict["data"] as? [Double] else { throw EngineError("fixture tensor malformed") }
        return try Tensor(shape: shape, scalars: data.map { Float($0) })
    }
}
