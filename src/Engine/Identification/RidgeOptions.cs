namespace Sems.Engine.Identification;

/// <summary>How <see cref="RidgeRegression"/> treats the columns of the design matrix.</summary>
public sealed record RidgeOptions
{
    /// <summary>The defaults: no intercept, standardised columns, every column penalised.</summary>
    public static RidgeOptions Default { get; } = new();

    /// <summary>
    /// Fit an intercept b₀ (never penalised). The columns and the targets are then centred on their means before
    /// scaling, and b₀ = ȳ − Σⱼ wⱼ·x̄ⱼ. Default false: the model passes through the origin.
    /// </summary>
    public bool FitIntercept { get; init; }

    /// <summary>
    /// Scale each column to unit standard deviation (a constant column to unit magnitude) before the penalty is
    /// applied, so that λ shrinks every regressor alike whatever its unit (°C, kW) and level. Default true. When false
    /// the raw columns are used: exactly (XᵀX + λI)⁻¹Xᵀy (with the unpenalised entries of I set to 0).
    /// </summary>
    public bool Standardise { get; init; } = true;

    /// <summary>
    /// Zero-based indices of columns that the penalty leaves alone, e.g. a column of ones or of a constant ground
    /// temperature that plays the intercept's role: shrinking it would shrink the model's mean level. Default none.
    /// </summary>
    public IReadOnlyCollection<int> UnpenalisedColumns { get; init; } = [];
}
