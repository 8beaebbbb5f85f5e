import XCTest
import CBLAS
import CEditLine
@testable import Runtime

/// Checks that the system libraries link: a 2x2 sgemm through OpenBLAS and libedit's history API.
final class RuntimeSmokeTests: XCTestCase {
    func testSystemLibrariesLink() {
        var a: [Float] = [1, 2, 3, 4], b: [Float] = [5, 6, 7, 8], c = [Float](repeating: 0, count: 4)
        cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, 2, 2, 2, 1, &a, 2, &b, 2, 0, &c, 2)
        XCTAssertEqual(c, [19, 22, 43, 50])
        using_history()
        XCTAssertEqual(Runtime.version.isEmpty, false)
    }
}
