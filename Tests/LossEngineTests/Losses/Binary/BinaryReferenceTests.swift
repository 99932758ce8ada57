import XCTest
@testable import LossEngine

/// Binary losses against independently computed reference values (see ``ReferenceCases``).
final class BinaryReferenceTests: XCTestCase {
    func testBce() throws { try ReferenceCases.check(Self.cases, loss: "bce") }
    func testBceWithLogits() throws { try ReferenceCases.check(Self.cases, loss: "bce_with_logits") }
    func testHinge() throws { try ReferenceCases.check(Self.cases, loss: "hinge") }
    func testSquaredHinge() throws { try ReferenceCases.check(Self.cases, loss: "squared_hinge") }
    func testFocal() throws { try ReferenceCases.check(Self.cases, loss: "focal") }
    func testAsymmetric() throws { try ReferenceCases.check(Self.cases, loss: "asymmetric") }

    static let cases = #"""
    {"loss": "bce", "args": {"input": [0.9, 0.2, 0.0, 1.0, 0.5], "target": [1.0, 0.0, 0.0, 0.3, 0.7]}, "reduction": "none", "expected": [0.10536051565782628, 0.2231435513142097, -0.0, 70.0, 0.6931471805599453]}
    {"loss": "bce", "args": {"input": [0.9, 0.2, 0.0, 1.0, 0.5], "target": [1.0, 0.0, 0.0, 0.3, 0.7]}, "reduction": "mean", "expected": 14.204330249506395}
    {"loss": "bce", "args": {"input": [0.9, 0.2, 0.0, 1.0, 0.5], "target": [1.0, 0.0, 0.0, 0.3, 0.7]}, "reduction": "sum", "expected": 71.02165124753198}
    {"loss": "bce_with_logits", "args": {"input": [0.3, -2.0, 1000.0, -1000.0, 5.0], "target": [1.0, 0.0, 0.0, 1.0, 0.25]}, "reduction": "none", "expected": [0.5543552444685271, 0.1269280110429725, 1000.0, 1000.0, 3.7567153484891183]}
    {"loss": "bce_with_logits", "args": {"input": [0.3, -2.0, 1000.0, -1000.0, 5.0], "target": [1.0, 0.0, 0.0, 1.0, 0.25]}, "reduction": "mean", "expected": 400.8875997208001}
    {"loss": "bce_with_logits", "args": {"input": [0.3, -2.0, 1000.0, -1000.0, 5.0], "target": [1.0, 0.0, 0.0, 1.0, 0.25]}, "reduction": "sum", "expected": 2004.4379986040005}
    {"loss": "bce_with_logits", "args": {"input": [[0.3, -2.0, 1.5], [4.0, -1.0, 0.0]], "target": [[1.0, 0.0, 1.0], [0.5, 1.0, 0.0]], "pos_weight": [2.0, 0.5, 3.0]}, "reduction": "none", "expected": [[1.1087104889370543, 0.1269280110429727, 0.6042398339482572], [2.0272248918767146, 0.6566308437591114, 0.6931471805599453]]}
    {"loss": "bce_with_logits", "args": {"input": [[0.3, -2.0, 1.5], [4.0, -1.0, 0.0]], "target": [[1.0, 0.0, 1.0], [0.5, 1.0, 0.0]], "pos_weight": [2.0, 0.5, 3.0]}, "reduction": "mean", "expected": 0.8694802083540093}
    {"loss": "bce_with_logits", "args": {"input": [[0.3, -2.0, 1.5], [4.0, -1.0, 0.0]], "target": [[1.0, 0.0, 1.0], [0.5, 1.0, 0.0]], "pos_weight": [2.0, 0.5, 3.0]}, "reduction": "sum", "expected": 5.216881250124056}
    {"loss": "hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 1.0}, "reduction": "none", "expected": [0.7, 0.0, 0.0, 1.5, 1.1]}
    {"loss": "hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 1.0}, "reduction": "mean", "expected": 0.66}
    {"loss": "hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 1.0}, "reduction": "sum", "expected": 3.3000000000000003}
    {"loss": "squared_hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 1.0}, "reduction": "none", "expected": [0.48999999999999994, 0.0, 0.0, 2.25, 1.2100000000000002]}
    {"loss": "squared_hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 1.0}, "reduction": "mean", "expected": 0.79}
    {"loss": "squared_hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 1.0}, "reduction": "sum", "expected": 3.95}
    {"loss": "hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 0.5}, "reduction": "none", "expected": [0.2, 0.0, 0.0, 1.0, 0.6]}
    {"loss": "hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 0.5}, "reduction": "mean", "expected": 0.36}
    {"loss": "hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 0.5}, "reduction": "sum", "expected": 1.7999999999999998}
    {"loss": "squared_hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 0.5}, "reduction": "none", "expected": [0.04000000000000001, 0.0, 0.0, 1.0, 0.36]}
    {"loss": "squared_hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 0.5}, "reduction": "mean", "expected": 0.27999999999999997}
    {"loss": "squared_hinge", "args": {"input": [0.3, -2.0, 1.5, 0.5, -0.1], "target": [1.0, -1.0, 1.0, -1.0, 1.0], "margin": 0.5}, "reduction": "sum", "expected": 1.4}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.25, "gamma": 2}, "reduction": "none", "expected": [0.025098318872149264, 0.0013526721264302821, 2.9061804284680104, 0.17546707585284624, 0.14901774472877433]}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.25, "gamma": 2}, "reduction": "mean", "expected": 0.6514232480096421}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.25, "gamma": 2}, "reduction": "sum", "expected": 3.2571162400482105}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": -1, "gamma": 2}, "reduction": "none", "expected": [0.10039327548859706, 0.001803562835240376, 3.8749072379573475, 0.701868303411385, 0.24836290788129062]}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": -1, "gamma": 2}, "reduction": "mean", "expected": 0.985467057514772}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": -1, "gamma": 2}, "reduction": "sum", "expected": 4.92733528757386}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.5, "gamma": 0}, "reduction": "none", "expected": [0.27717762223426357, 0.06346400552148625, 2.0090749639589047, 0.6566308437591114, 0.41203849209005333]}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.5, "gamma": 0}, "reduction": "mean", "expected": 0.6836771855127639}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.5, "gamma": 0}, "reduction": "sum", "expected": 3.4183859275638193}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.25, "gamma": 0.5}, "reduction": "none", "expected": [0.09040808808766714, 0.032867160743403324, 2.9863877400582513, 0.28071613264005035, 0.3663521739381072]}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.25, "gamma": 0.5}, "reduction": "mean", "expected": 0.7513462590934958}
    {"loss": "focal", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5], "target": [1.0, 0.0, 0.0, 1.0, 0.3], "alpha": 0.25, "gamma": 0.5}, "reduction": "sum", "expected": 3.756731295467479}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 0, "gamma_neg": 4, "clip": 0.05}, "reduction": "none", "expected": [0.554355244468527, 1.6447564453908337e-06, 2.0285764505296116, 1.3132616875182228, 0.09125300409120031, 9.348077867344255e-14]}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 0, "gamma_neg": 4, "clip": 0.05}, "reduction": "mean", "expected": 0.6645746718940168}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 0, "gamma_neg": 4, "clip": 0.05}, "reduction": "sum", "expected": 3.9874480313641008}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 1, "gamma_neg": 2, "clip": 0}, "reduction": "none", "expected": [0.23591002262828384, 0.001803562835240376, 3.8749072379573484, 0.9600712226463136, 0.37741160085940983, 8.738655981392744e-27]}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 1, "gamma_neg": 2, "clip": 0}, "reduction": "mean", "expected": 0.9083506078210993}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 1, "gamma_neg": 2, "clip": 0}, "reduction": "sum", "expected": 5.450103646926596}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 2, "gamma_neg": 3, "clip": 0.2}, "reduction": "none", "expected": [0.10039327548859704, -0.0, 0.7285097512965639, 0.701868303411385, 0.04139123738839405, 8.168963656998917e-40]}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 2, "gamma_neg": 3, "clip": 0.2}, "reduction": "mean", "expected": 0.26202709459748996}
    {"loss": "asymmetric", "args": {"input": [0.3, -2.0, 4.0, -1.0, 0.5, 30.0], "target": [1.0, 0.0, 0.0, 1.0, 0.0, 1.0], "gamma_pos": 2, "gamma_neg": 3, "clip": 0.2}, "reduction": "sum", "expected": 1.5721625675849398}
    """#
}
