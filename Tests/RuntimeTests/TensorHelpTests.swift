import XCTest
@testable import Runtime
import Engine

/// Every tensor builtin, method and field has a help line. (The tensor golden scripts in
/// Tests/Scripts/tensors and examples/tensors.spar run in GoldenScriptTests.)
final class TensorHelpTests: XCTestCase {
    func testEveryTensorNameHasHelp() {
        let builtins = ["tensor", "zeros", "ones", "full", "arange", "eye", "randn", "rand", "where", "concat", "stack",
                        "param", "grad", "no_grad", "sgd", "adam", "adamw", "lr_cosine", "save", "load"]
        for name in builtins { XCTAssertNotNil(Builtins.helpLine(name), name) }
        let t = TensorValue(Tensor(1))
        for member in t.memberNames {
            XCTAssertNotNil(t.help(member: member), member)
            XCTAssertNotNil(Builtins.helpLine("tensor.\(member)"), member)
        }
        for member in OptimizerValue.helpLines.keys { XCTAssertNotNil(Builtins.helpLine("optimizer.\(member)"), member) }
    }
}
