using Sems.Engine.Validation;

namespace Sems.Twin;

/// <summary>
/// Result of checking the estate model against the calibration building's hourly gas series scaled to the
/// estate's annual heat (see <see cref="EstateCalibration"/>). Statistics follow <see cref="G14"/> with
/// p = <see cref="EstateCalibration.FittedParameters"/>; months are UTC calendar months.
/// </summary>
/// <param name="Parameters">Model parameters checked.</param>
/// <param name="CalibrationBuildingId">Archive identifier of the calibration building.</param>
/// <param name="AnnualHeatKwh">Modelled heat over 2022, kWh.</param>
/// <param name="TargetAnnualHeatKwh">Annual heat the measured series was scaled to, kWh.</param>
/// <param name="HourlyNmbePercent">NMBE of the 8,760 hourly values, %.</param>
/// <param name="HourlyCvRmsePercent">CV(RMSE) of the hourly values, %.</param>
/// <param name="MonthlyNmbePercent">NMBE of the 12 monthly totals, %.</param>
/// <param name="MonthlyCvRmsePercent">CV(RMSE) of the monthly totals, %.</param>
public sealed record EstateCalibrationReport(
    EstateParameters Parameters,
    string CalibrationBuildingId,
    double AnnualHeatKwh,
    double TargetAnnualHeatKwh,
    double HourlyNmbePercent,
    double HourlyCvRmsePercent,
    double MonthlyNmbePercent,
    double MonthlyCvRmsePercent)
{
    /// <summary>Whether the hourly statistics meet the Guideline 14 limits (|NMBE| ≤ 10 %, CV(RMSE) ≤ 30 %).</summary>
    public bool MeetsHourlyCriteria => G14.MeetsHourly(HourlyNmbePercent, HourlyCvRmsePercent);

    /// <summary>Whether the monthly statistics meet the Guideline 14 limits (|NMBE| ≤ 5 %, CV(RMSE) ≤ 15 %).</summary>
    public bool MeetsMonthlyCriteria => G14.MeetsMonthly(MonthlyNmbePercent, MonthlyCvRmsePercent);
}
