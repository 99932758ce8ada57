extension Losses {
    /// Hinge loss for ±1 labels.
    ///
    /// Per element: max(0, margin − y·s).
    /// - Parameters: input s (scores), target y ∈ {−1, 1}, same shape; margin.
    /// - Returns: gradient for `input`: −y where margin − y·s > 0, else 0.
    /// - Stability: exact.
    /// - Reference: Cortes & Vapnik, "Support-Vector Networks", 1995.
    public static func hinge(input: [Double], target: [Double], margin: Double = 1,
                             reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.signs(target, "target")
        try Check.finite(margin, "margin")
        return try elementwise("hinge", count: input.count, names: ["input"], reduction: reduction) { i in
            let h = margin - target[i] * input[i]
            return h > 0 ? (h, [-target[i]]) : (0, [0])
        }
    }

    /// Squared hinge loss for ±1 labels.
    ///
    /// Per element: max(0, margin − y·s)².
    /// - Parameters: input s (scores), target y ∈ {−1, 1}, same shape; margin.
    /// - Returns: gradient for `input`: −2y·max(0, margin − y·s).
    /// - Stability: exact.
    /// - Reference: Rennie & Srebro, "Loss Functions for Preference Levels", 2005 (L2-SVM).
    public static func squaredHinge(input: [Double], target: [Double], margin: Double = 1,
                                    reduction: Reduction = .mean) throws -> LossOutput {
        try Check.count(target, input.count, "target")
        try Check.signs(target, "target")
        try Check.finite(margin, "margin")
        return try elementwise("squared_hinge", count: input.count, names: ["input"], reduction: reduction) { i in
            let h = margin - target[i] * input[i]
            return h > 0 ? (h * h, [-2 * target[i] * h]) : (0, [0])
        }
    }
}
