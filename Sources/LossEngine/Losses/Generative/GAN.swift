extension Losses {
    /// Discriminator loss of the original (minimax) GAN.
    ///
    /// Per sample: −log σ(r) − log(1 − σ(f)) = softplus(−r) + softplus(f).
    /// - Parameters: dReal r, dFake f (N discriminator logits each).
    /// - Returns: gradients −σ(−r) (d_real) and σ(f) (d_fake).
    /// - Stability: softplus form; logits of ±1000 give exact values.
    /// - Reference: Goodfellow et al., "Generative Adversarial Nets", 2014.
    public static func ganDiscriminatorMinimax(dReal: [Double], dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(dFake, dReal.count, "d_fake")
        return try elementwise2("gan_d_minimax", count: dReal.count, arguments: ("d_real", "d_fake"), reduction: reduction) { i in
            let r = dReal[i], f = dFake[i]
            return (StableMath.softplus(-r) + StableMath.softplus(f), -StableMath.sigmoid(-r), StableMath.sigmoid(f))
        }
    }

    /// Generator loss of the minimax GAN (saturating).
    ///
    /// Per sample: log(1 − σ(f)) = −softplus(f).
    /// - Parameters: dFake f (N logits).
    /// - Returns: gradient −σ(f).
    /// - Stability: softplus form.
    /// - Reference: Goodfellow et al., 2014.
    public static func ganGeneratorMinimax(dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try dFake.withUnsafeBufferPointer { f in
            try lanewise1("gan_g_minimax", count: f.count, argument: "d_fake", reduction: reduction) { i, full in
                let x = full ? Lanes(f[i], f[i + 1], f[i + 2], f[i + 3]) : Lanes(repeating: f[i])
                return (-VectorMath.softplus(x), -VectorMath.sigmoid(x))
            }
        }
    }

    /// Non-saturating generator loss.
    ///
    /// Per sample: −log σ(f) = softplus(−f).
    /// - Parameters: dFake f (N logits).
    /// - Returns: gradient −σ(−f).
    /// - Stability: softplus form.
    /// - Reference: Goodfellow et al., 2014 (section 3).
    public static func ganGeneratorNonSaturating(dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try dFake.withUnsafeBufferPointer { f in
            try lanewise1("gan_g_nonsaturating", count: f.count, argument: "d_fake", reduction: reduction) { i, full in
                let x = full ? Lanes(f[i], f[i + 1], f[i + 2], f[i + 3]) : Lanes(repeating: f[i])
                return (VectorMath.softplus(-x), -VectorMath.sigmoid(-x))
            }
        }
    }

    /// Wasserstein critic loss.
    ///
    /// Per sample: f − r.
    /// - Parameters: dReal r, dFake f (N critic values).
    /// - Returns: gradients −1 (d_real), +1 (d_fake).
    /// - Stability: linear.
    /// - Reference: Arjovsky, Chintala & Bottou, "Wasserstein GAN", 2017.
    public static func wganCritic(dReal: [Double], dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(dFake, dReal.count, "d_fake")
        return try elementwise("wgan_d", count: dReal.count, names: ["d_real", "d_fake"], reduction: reduction) { i in
            (dFake[i] - dReal[i], [-1, 1])
        }
    }

    /// Wasserstein (and hinge-GAN) generator loss.
    ///
    /// Per sample: −f.
    /// - Parameters: dFake f (N critic values).
    /// - Returns: gradient −1.
    /// - Stability: linear.
    /// - Reference: Arjovsky et al., 2017; Lim & Ye, "Geometric GAN", 2017.
    public static func wganGenerator(dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try elementwise("wgan_g", count: dFake.count, names: ["d_fake"], reduction: reduction) { i in (-dFake[i], [-1]) }
    }

    /// Hinge discriminator loss.
    ///
    /// Per sample: max(0, 1 − r) + max(0, 1 + f).
    /// - Parameters: dReal r, dFake f (N values).
    /// - Returns: gradients −1 where 1 − r > 0 (d_real), +1 where 1 + f > 0 (d_fake).
    /// - Stability: exact.
    /// - Reference: Lim & Ye, "Geometric GAN", 2017; Miyato et al., "Spectral Normalization", 2018.
    public static func hingeGANDiscriminator(dReal: [Double], dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(dFake, dReal.count, "d_fake")
        return try elementwise("hinge_gan_d", count: dReal.count, names: ["d_real", "d_fake"], reduction: reduction) { i in
            let a = 1 - dReal[i], b = 1 + dFake[i]
            return (Swift.max(0, a) + Swift.max(0, b), [a > 0 ? -1 : 0, b > 0 ? 1 : 0])
        }
    }

    /// Hinge-GAN generator loss.
    ///
    /// Per sample: −f (the same as ``wganGenerator(dFake:reduction:)``).
    /// - Parameters: dFake f (N discriminator values).
    /// - Returns: gradient −1.
    /// - Stability: linear.
    /// - Reference: Lim & Ye, "Geometric GAN", 2017.
    public static func hingeGANGenerator(dFake: [Double], reduction: Reduction = .mean) throws -> LossOutput {
        try elementwise("hinge_gan_g", count: dFake.count, names: ["d_fake"], reduction: reduction) { i in (-dFake[i], [-1]) }
    }
}
