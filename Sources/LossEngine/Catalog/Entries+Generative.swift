extension LossCatalog {
    /// Adapter for per-sample GAN losses of one or two logit vectors.
    static func critic(_ d: LossDescriptor,
                       _ f: @escaping @Sendable ([Double]?, [Double], Reduction) throws -> LossOutput) -> CatalogEntry {
        CatalogEntry(descriptor: d) { a, r in
            let fake = try a.vector("d_fake")
            let real = d.arg("d_real") == nil ? nil : try a.vector("d_real")
            let out = try f(real, fake, r)
            var shapes = ["d_fake": [fake.count]]
            if let real { shapes["d_real"] = [real.count] }
            return CatalogResult(output: out, itemShape: [fake.count], gradientShapes: shapes)
        }
    }

    static let generativeEntries: [CatalogEntry] = {
        let pair: [ArgSpec] = [.array("d_real", "N logits/critic values on real data"), .array("d_fake", "N on generated data")]
        let fakeOnly: [ArgSpec] = [.array("d_fake", "N logits/critic values on generated data")]
        return [
            critic(LossDescriptor("gan_d_minimax", .generative, "GAN discriminator: −log σ(r) − log(1 − σ(f)).",
                                  args: pair, differentiable: ["d_real", "d_fake"], reference: "Goodfellow et al. 2014")) { r, f, red in
                try Losses.ganDiscriminatorMinimax(dReal: r ?? [], dFake: f, reduction: red)
            },
            critic(LossDescriptor("gan_g_minimax", .generative, "Saturating GAN generator: log(1 − σ(f)).",
                                  args: fakeOnly, differentiable: ["d_fake"], reference: "Goodfellow et al. 2014")) { _, f, red in
                try Losses.ganGeneratorMinimax(dFake: f, reduction: red)
            },
            critic(LossDescriptor("gan_g_nonsaturating", .generative, "Non-saturating GAN generator: −log σ(f).",
                                  args: fakeOnly, differentiable: ["d_fake"], reference: "Goodfellow et al. 2014")) { _, f, red in
                try Losses.ganGeneratorNonSaturating(dFake: f, reduction: red)
            },
            critic(LossDescriptor("wgan_d", .generative, "Wasserstein critic: f − r.",
                                  args: pair, differentiable: ["d_real", "d_fake"], reference: "Arjovsky et al. 2017")) { r, f, red in
                try Losses.wganCritic(dReal: r ?? [], dFake: f, reduction: red)
            },
            critic(LossDescriptor("wgan_g", .generative, "Wasserstein generator: −f.",
                                  args: fakeOnly, differentiable: ["d_fake"], reference: "Arjovsky et al. 2017")) { _, f, red in
                try Losses.wganGenerator(dFake: f, reduction: red)
            },
            critic(LossDescriptor("hinge_gan_d", .generative, "Hinge discriminator: max(0, 1 − r) + max(0, 1 + f).",
                                  args: pair, differentiable: ["d_real", "d_fake"], reference: "Lim & Ye 2017")) { r, f, red in
                try Losses.hingeGANDiscriminator(dReal: r ?? [], dFake: f, reduction: red)
            },
            critic(LossDescriptor("hinge_gan_g", .generative, "Hinge generator: −f.",
                                  args: fakeOnly, differentiable: ["d_fake"], reference: "Lim & Ye 2017")) { _, f, red in
                try Losses.hingeGANGenerator(dFake: f, reduction: red)
            },
            CatalogEntry(descriptor: LossDescriptor(
                "gaussian_kl", .generative, "KL(N(μ, e^{lv}) ‖ N(0, 1)) per sample: ½Σ(e^{lv} + μ² − 1 − lv).",
                args: [.array("mu", "N×Z"), .array("logvar", "N×Z")],
                differentiable: ["mu", "logvar"], reference: "Kingma & Welling 2014")) { a, r in
                let mu = try a.tensor("mu", rank: 2, "N×Z")
                let out = try Losses.gaussianKL(mu: mu, logvar: a.tensor("logvar"), reduction: r)
                return CatalogResult(output: out, itemShape: [mu.shape[0]], gradientShapes: ["mu": mu.shape, "logvar": mu.shape])
            },
            CatalogEntry(descriptor: LossDescriptor(
                "vae", .generative, "Negative ELBO: reconstruction NLL summed over D + β·gaussian_kl.",
                args: [.array("recon", "N×D logits (bernoulli) or means (gaussian)"), .array("x", "N×D data"),
                       .array("mu", "N×Z"), .array("logvar", "N×Z"), .number("beta", 1),
                       .string("likelihood", "bernoulli", options: ["bernoulli", "gaussian"])],
                differentiable: ["recon", "mu", "logvar"], reference: "Kingma & Welling 2014; Higgins et al. 2017")) { a, r in
                let recon = try a.tensor("recon", rank: 2, "N×D")
                let mu = try a.tensor("mu", rank: 2, "N×Z")
                let lik = Losses.VAELikelihood(rawValue: try a.string("likelihood", options: ["bernoulli", "gaussian"])) ?? .bernoulli
                let out = try Losses.vae(recon: recon, x: a.tensor("x"), mu: mu, logvar: a.tensor("logvar"),
                                         beta: a.number("beta"), likelihood: lik, reduction: r)
                return CatalogResult(output: out, itemShape: [recon.shape[0]],
                                     gradientShapes: ["recon": recon.shape, "mu": mu.shape, "logvar": mu.shape])
            },
        ]
    }()
}
