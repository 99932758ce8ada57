import XCTest
@testable import LossEngine

/// Likelihood losses against independently computed reference values (see ``ReferenceCases``).
final class LikelihoodReferenceTests: XCTestCase {
    func testGaussianNll() throws { try ReferenceCases.check(Self.cases, loss: "gaussian_nll") }
    func testLaplaceNll() throws { try ReferenceCases.check(Self.cases, loss: "laplace_nll") }
    func testPoissonNll() throws { try ReferenceCases.check(Self.cases, loss: "poisson_nll") }
    func testStudentTNll() throws { try ReferenceCases.check(Self.cases, loss: "student_t_nll") }
    func testExponentialNll() throws { try ReferenceCases.check(Self.cases, loss: "exponential_nll") }
    func testGammaNll() throws { try ReferenceCases.check(Self.cases, loss: "gamma_nll") }
    func testBetaNll() throws { try ReferenceCases.check(Self.cases, loss: "beta_nll") }
    func testVonMisesNll() throws { try ReferenceCases.check(Self.cases, loss: "von_mises_nll") }
    func testMixtureGaussianNll() throws { try ReferenceCases.check(Self.cases, loss: "mixture_gaussian_nll") }
    func testMvnNll() throws { try ReferenceCases.check(Self.cases, loss: "mvn_nll") }
    func testPlackettLuceNll() throws { try ReferenceCases.check(Self.cases, loss: "plackett_luce_nll") }

    static let cases = #"""
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": [0.5, 2.0, 1e-09, 0.3, 1.0], "full": false}, "reduction": "none", "expected": [-0.09657359027997264, 1.3465735902799727, 4499993.092244721, 0.33551359783703194, 0.12499999999999997]}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": [0.5, 2.0, 1e-09, 0.3, 1.0], "full": false}, "reduction": "mean", "expected": 899998.9605516639}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": [0.5, 2.0, 1e-09, 0.3, 1.0], "full": false}, "reduction": "sum", "expected": 4499994.802758319}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": [0.5, 2.0, 1e-09, 0.3, 1.0], "full": true}, "reduction": "none", "expected": [0.8223649429247, 2.2655121234846454, 4499994.011183254, 1.2544521310417047, 1.0439385332046727]}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": [0.5, 2.0, 1e-09, 0.3, 1.0], "full": true}, "reduction": "mean", "expected": 899999.879490197}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": [0.5, 2.0, 1e-09, 0.3, 1.0], "full": true}, "reduction": "sum", "expected": 4499999.397450985}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": 0.5}, "reduction": "none", "expected": [-0.09657359027997264, 3.6534264097200273, 8.653426409720028, 0.21592640972002736, -0.0965735902799727]}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": 0.5}, "reduction": "mean", "expected": 2.4659264097200277}
    {"loss": "gaussian_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "var": 0.5}, "reduction": "sum", "expected": 12.32963204860014}
    {"loss": "laplace_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "full": false}, "reduction": "none", "expected": [0.3068528194400546, 1.693147180559945, 27.697414907005953, 1.296027195674064, 0.5000000000000001]}
    {"loss": "laplace_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "full": false}, "reduction": "mean", "expected": 6.298688420536004}
    {"loss": "laplace_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "full": false}, "reduction": "sum", "expected": 31.493442102680017}
    {"loss": "laplace_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "full": true}, "reduction": "none", "expected": [0.9999999999999999, 2.3862943611198904, 28.390562087565897, 1.9891743762340093, 1.1931471805599454]}
    {"loss": "laplace_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "full": true}, "reduction": "mean", "expected": 6.991835601095948}
    {"loss": "laplace_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "full": true}, "reduction": "sum", "expected": 34.95917800547974}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": true, "full": false}, "reduction": "none", "expected": [1.6487212707001282, 5.38905609893065, 9.049787068367865, -0.4659745833122586, 1.8965853037914093]}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": true, "full": false}, "reduction": "mean", "expected": 3.503635031695559}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": true, "full": false}, "reduction": "sum", "expected": 17.518175158477796}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": true, "full": true}, "reduction": "none", "expected": [1.6487212707001282, 5.38905609893065, 10.813868611910921, 8.047290067807264, 2.5483917883959455]}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": true, "full": true}, "reduction": "mean", "expected": 5.689465567548982}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": true, "full": true}, "reduction": "sum", "expected": 28.44732783774491}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, 3.0, 0.25, 0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": false, "full": false}, "reduction": "none", "expected": [0.5, 1.3068528144400546, -0.29583687600432906, 9.95406024783924, 1.4133498593060363]}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, 3.0, 0.25, 0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": false, "full": false}, "reduction": "mean", "expected": 2.575685209116201}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, 3.0, 0.25, 0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": false, "full": false}, "reduction": "sum", "expected": 12.878426045581003}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, 3.0, 0.25, 0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": false, "full": true}, "reduction": "none", "expected": [0.5, 1.3068528144400546, 1.4682446675387277, 18.467324898958765, 2.065156343910572]}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, 3.0, 0.25, 0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": false, "full": true}, "reduction": "mean", "expected": 4.761515744969624}
    {"loss": "poisson_nll", "args": {"input": [0.5, 2.0, 3.0, 0.25, 0.7], "target": [0.0, 1.0, 3.0, 7.0, 2.0], "log_input": false, "full": true}, "reduction": "sum", "expected": 23.80757872484812}
    {"loss": "student_t_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "df": [1.0, 3.0, 30.0, 0.5, 100.0]}, "reduction": "none", "expected": [1.1447298858494, 2.269400175087017, 51.85148690190457, 2.058577385668861, 1.0475309415716276]}
    {"loss": "student_t_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "df": [1.0, 3.0, 30.0, 0.5, 100.0]}, "reduction": "mean", "expected": 11.674345058016296}
    {"loss": "student_t_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "target": [0.0, 0.0, 0.0, 1.0, -0.2], "scale": [0.5, 2.0, 0.1, 0.3, 1.0], "df": [1.0, 3.0, 30.0, 0.5, 100.0]}, "reduction": "sum", "expected": 58.37172529008148}
    {"loss": "exponential_nll", "args": {"rate": [0.5, 2.0, 10.0, 0.1, 1.0], "target": [0.0, 1.5, 0.01, 20.0, 3.0]}, "reduction": "none", "expected": [0.6931471805599453, 2.3068528194400546, -2.2025850929940454, 4.302585092994046, 3.0]}
    {"loss": "exponential_nll", "args": {"rate": [0.5, 2.0, 10.0, 0.1, 1.0], "target": [0.0, 1.5, 0.01, 20.0, 3.0]}, "reduction": "mean", "expected": 1.6200000000000003}
    {"loss": "exponential_nll", "args": {"rate": [0.5, 2.0, 10.0, 0.1, 1.0], "target": [0.0, 1.5, 0.01, 20.0, 3.0]}, "reduction": "sum", "expected": 8.100000000000001}
    {"loss": "gamma_nll", "args": {"concentration": [0.5, 2.0, 10.0, 1.0, 200.0], "rate": [0.5, 2.0, 10.0, 0.1, 1.0], "target": [0.3, 1.5, 0.01, 20.0, 3.0]}, "reduction": "none", "expected": [0.46695213104170463, 1.208240530771945, 31.322508224033836, 4.302585092994046, 642.3098243809036]}
    {"loss": "gamma_nll", "args": {"concentration": [0.5, 2.0, 10.0, 1.0, 200.0], "rate": [0.5, 2.0, 10.0, 0.1, 1.0], "target": [0.3, 1.5, 0.01, 20.0, 3.0]}, "reduction": "mean", "expected": 135.92202207194902}
    {"loss": "gamma_nll", "args": {"concentration": [0.5, 2.0, 10.0, 1.0, 200.0], "rate": [0.5, 2.0, 10.0, 0.1, 1.0], "target": [0.3, 1.5, 0.01, 20.0, 3.0]}, "reduction": "sum", "expected": 679.6101103597451}
    {"loss": "beta_nll", "args": {"alpha": [0.5, 2.0, 10.0, 1.0, 300.0], "beta": [0.5, 5.0, 1.0, 1.0, 200.0], "target": [0.3, 0.999, 0.01, 0.5, 0.6]}, "reduction": "none", "expected": [0.36440601171706566, 24.23082423459997, 39.14394658089878, -0.0, -2.901395916476531]}
    {"loss": "beta_nll", "args": {"alpha": [0.5, 2.0, 10.0, 1.0, 300.0], "beta": [0.5, 5.0, 1.0, 1.0, 200.0], "target": [0.3, 0.999, 0.01, 0.5, 0.6]}, "reduction": "mean", "expected": 12.167556182147857}
    {"loss": "beta_nll", "args": {"alpha": [0.5, 2.0, 10.0, 1.0, 300.0], "beta": [0.5, 5.0, 1.0, 1.0, 200.0], "target": [0.3, 0.999, 0.01, 0.5, 0.6]}, "reduction": "sum", "expected": 60.83778091073928}
    {"loss": "von_mises_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "concentration": [0.01, 1.0, 10.0, 100.0, 5000.0], "target": [0.1, -2.0, 3.0, 0.5, 0.01]}, "reduction": "none", "expected": [1.8286914563130683, 2.727435045780136, 0.17914628302438107, 1.7263675852874485, 1204.8509869874565]}
    {"loss": "von_mises_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "concentration": [0.01, 1.0, 10.0, 100.0, 5000.0], "target": [0.1, -2.0, 3.0, 0.5, 0.01]}, "reduction": "mean", "expected": 242.26252547157233}
    {"loss": "von_mises_nll", "args": {"input": [0.5, 2.0, -3.0, 0.25, -0.7], "concentration": [0.01, 1.0, 10.0, 100.0, 5000.0], "target": [0.1, -2.0, 3.0, 0.5, 0.01]}, "reduction": "sum", "expected": 1211.3126273578616}
    {"loss": "mixture_gaussian_nll", "args": {"logits": [[0.1, -1.0, 2.0], [3.0, 0.0, 0.0]], "means": [[0, 1, -1], [5, -5, 0]], "log_scales": [[0.0, -0.5, 0.3], [1.0, 0.2, -1.0]], "target": [0.7, 40.0]}, "reduction": "none", "expected": [1.7452698542713252, 84.9067224720509]}
    {"loss": "mixture_gaussian_nll", "args": {"logits": [[0.1, -1.0, 2.0], [3.0, 0.0, 0.0]], "means": [[0, 1, -1], [5, -5, 0]], "log_scales": [[0.0, -0.5, 0.3], [1.0, 0.2, -1.0]], "target": [0.7, 40.0]}, "reduction": "mean", "expected": 43.325996163161115}
    {"loss": "mixture_gaussian_nll", "args": {"logits": [[0.1, -1.0, 2.0], [3.0, 0.0, 0.0]], "means": [[0, 1, -1], [5, -5, 0]], "log_scales": [[0.0, -0.5, 0.3], [1.0, 0.2, -1.0]], "target": [0.7, 40.0]}, "reduction": "sum", "expected": 86.65199232632223}
    {"loss": "mvn_nll", "args": {"mean": [[0.0, 1.0, 2.0], [-1.0, 0.5, 0.0]], "scale_tril": [[1.5, 0.0, 0.0], [0.3, 0.7, 0.0], [-0.2, 0.4, 2.0]], "target": [[0.3, 0.2, 1.0], [4.0, -2.0, 0.1]]}, "reduction": "none", "expected": [4.300891719853598, 22.51111405545433]}
    {"loss": "mvn_nll", "args": {"mean": [[0.0, 1.0, 2.0], [-1.0, 0.5, 0.0]], "scale_tril": [[1.5, 0.0, 0.0], [0.3, 0.7, 0.0], [-0.2, 0.4, 2.0]], "target": [[0.3, 0.2, 1.0], [4.0, -2.0, 0.1]]}, "reduction": "mean", "expected": 13.406002887653964}
    {"loss": "mvn_nll", "args": {"mean": [[0.0, 1.0, 2.0], [-1.0, 0.5, 0.0]], "scale_tril": [[1.5, 0.0, 0.0], [0.3, 0.7, 0.0], [-0.2, 0.4, 2.0]], "target": [[0.3, 0.2, 1.0], [4.0, -2.0, 0.1]]}, "reduction": "sum", "expected": 26.812005775307927}
    {"loss": "plackett_luce_nll", "args": {"scores": [[1.0, 2.0, 0.5, -1.0], [1000.0, -1000.0, 0.0, 3.0]], "ranking": [[1, 0, 2, 3], [3, 2, 1, 0]]}, "reduction": "none", "expected": [1.2515520957105992, 3997.0]}
    {"loss": "plackett_luce_nll", "args": {"scores": [[1.0, 2.0, 0.5, -1.0], [1000.0, -1000.0, 0.0, 3.0]], "ranking": [[1, 0, 2, 3], [3, 2, 1, 0]]}, "reduction": "mean", "expected": 1999.1257760478552}
    {"loss": "plackett_luce_nll", "args": {"scores": [[1.0, 2.0, 0.5, -1.0], [1000.0, -1000.0, 0.0, 3.0]], "ranking": [[1, 0, 2, 3], [3, 2, 1, 0]]}, "reduction": "sum", "expected": 3998.2515520957104}
    """#
}
