import XCTest
@testable import LossEngine

/// Generative losses against independently computed reference values (see ``ReferenceCases``).
final class GenerativeReferenceTests: XCTestCase {
    func testGanDMinimax() throws { try ReferenceCases.check(Self.cases, loss: "gan_d_minimax") }
    func testGanGMinimax() throws { try ReferenceCases.check(Self.cases, loss: "gan_g_minimax") }
    func testGanGNonsaturating() throws { try ReferenceCases.check(Self.cases, loss: "gan_g_nonsaturating") }
    func testWganD() throws { try ReferenceCases.check(Self.cases, loss: "wgan_d") }
    func testWganG() throws { try ReferenceCases.check(Self.cases, loss: "wgan_g") }
    func testHingeGanD() throws { try ReferenceCases.check(Self.cases, loss: "hinge_gan_d") }
    func testHingeGanG() throws { try ReferenceCases.check(Self.cases, loss: "hinge_gan_g") }
    func testGaussianKl() throws { try ReferenceCases.check(Self.cases, loss: "gaussian_kl") }
    func testVae() throws { try ReferenceCases.check(Self.cases, loss: "vae") }

    static let cases = #"""
    {"loss": "gan_d_minimax", "args": {"d_real": [0.3, -2.0, 1000.0, -1000.0], "d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "none", "expected": [1.86761693198675, 2.6010049952230796, 0.0, 2000.0]}
    {"loss": "gan_d_minimax", "args": {"d_real": [0.3, -2.0, 1000.0, -1000.0], "d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "mean", "expected": 501.11715548180246}
    {"loss": "gan_d_minimax", "args": {"d_real": [0.3, -2.0, 1000.0, -1000.0], "d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "sum", "expected": 2004.4686219272098}
    {"loss": "gan_g_minimax", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "none", "expected": [-1.3132616875182228, -0.4740769841801067, -0.0, -1000.0]}
    {"loss": "gan_g_minimax", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "mean", "expected": -250.44683466792458}
    {"loss": "gan_g_minimax", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "sum", "expected": -1001.7873386716983}
    {"loss": "gan_g_nonsaturating", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "none", "expected": [0.31326168751822286, 0.9740769841801067, 1000.0, 0.0]}
    {"loss": "gan_g_nonsaturating", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "mean", "expected": 250.32183466792458}
    {"loss": "gan_g_nonsaturating", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "sum", "expected": 1001.2873386716983}
    {"loss": "wgan_d", "args": {"d_real": [0.3, -2.0, 1000.0, -1000.0], "d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "none", "expected": [0.7, 1.5, -2000.0, 2000.0]}
    {"loss": "wgan_d", "args": {"d_real": [0.3, -2.0, 1000.0, -1000.0], "d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "mean", "expected": 0.5500000000000114}
    {"loss": "wgan_d", "args": {"d_real": [0.3, -2.0, 1000.0, -1000.0], "d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "sum", "expected": 2.2000000000000455}
    {"loss": "wgan_g", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "none", "expected": [-1.0, 0.5, 1000.0, -1000.0]}
    {"loss": "wgan_g", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "mean", "expected": -0.125}
    {"loss": "wgan_g", "args": {"d_fake": [1.0, -0.5, -1000.0, 1000.0]}, "reduction": "sum", "expected": -0.5}
    {"loss": "hinge_gan_d", "args": {"d_real": [0.3, -2.0, 1.5, 0.9], "d_fake": [1.0, -0.5, -1.2, 0.2]}, "reduction": "none", "expected": [2.7, 3.5, 0.0, 1.2999999999999998]}
    {"loss": "hinge_gan_d", "args": {"d_real": [0.3, -2.0, 1.5, 0.9], "d_fake": [1.0, -0.5, -1.2, 0.2]}, "reduction": "mean", "expected": 1.875}
    {"loss": "hinge_gan_d", "args": {"d_real": [0.3, -2.0, 1.5, 0.9], "d_fake": [1.0, -0.5, -1.2, 0.2]}, "reduction": "sum", "expected": 7.5}
    {"loss": "hinge_gan_g", "args": {"d_fake": [1.0, -0.5, -1.2, 0.2]}, "reduction": "none", "expected": [-1.0, 0.5, 1.2, -0.2]}
    {"loss": "hinge_gan_g", "args": {"d_fake": [1.0, -0.5, -1.2, 0.2]}, "reduction": "mean", "expected": 0.12499999999999999}
    {"loss": "hinge_gan_g", "args": {"d_fake": [1.0, -0.5, -1.2, 0.2]}, "reduction": "sum", "expected": 0.49999999999999994}
    {"loss": "gaussian_kl", "args": {"mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]]}, "reduction": "none", "expected": [1.1952531006561302, 0.0, 10.042768461593834]}
    {"loss": "gaussian_kl", "args": {"mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]]}, "reduction": "mean", "expected": 3.7460071874166547}
    {"loss": "gaussian_kl", "args": {"mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]]}, "reduction": "sum", "expected": 11.238021562249964}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 1.0, "likelihood": "bernoulli"}, "reduction": "none", "expected": [4.3832517046567485, 0.6931471805599453, 11.376105340714975]}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 1.0, "likelihood": "bernoulli"}, "reduction": "mean", "expected": 5.484168075310556}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 1.0, "likelihood": "bernoulli"}, "reduction": "sum", "expected": 16.45250422593167}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 0.5, "likelihood": "gaussian"}, "reduction": "none", "expected": [12.967626550328067, 999001.0, 5.561384230796917]}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 0.5, "likelihood": "gaussian"}, "reduction": "mean", "expected": 333006.5096702604}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 0.5, "likelihood": "gaussian"}, "reduction": "sum", "expected": 999019.5290107812}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 4.0, "likelihood": "bernoulli"}, "reduction": "none", "expected": [7.969011006625139, 0.6931471805599453, 41.50441072549648]}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 4.0, "likelihood": "bernoulli"}, "reduction": "mean", "expected": 16.722189637560522}
    {"loss": "vae", "args": {"recon": [[0.3, -2.0, 5.0], [1000.0, -1000.0, 0.0], [0.0, 1.0, 2.0]], "x": [[1.0, 0.0, 0.5], [1.0, 0.0, 1.0], [0.2, 0.8, 1.0]], "mu": [[0.5, -1.0], [0.0, 0.0], [2.0, 1e-09]], "logvar": [[0.1, -2.0], [0.0, 0.0], [1e-09, 3.0]], "beta": 4.0, "likelihood": "bernoulli"}, "reduction": "sum", "expected": 50.16656891268156}
    """#
}
