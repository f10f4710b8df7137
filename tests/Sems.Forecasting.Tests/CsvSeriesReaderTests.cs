using System.Globalization;
using System.Text;

namespace Sems.Forecasting.Tests;

public sealed class CsvSeriesReaderTests
{
    private static readonly DateTime Start = new(2022, 3, 1, 0, 0, 0);

    /// <summary>
    /// Hourly CSV with header on line 1 and sample i on line i + 2: value = 10 + i mod 24 + i / 1000 (linear within
    /// a day, so interpolation reproduces it), temperature = 5 + i / 100.
    /// </summary>
    private static List<string> Lines(int days, Func<int, string>? time = null)
    {
        time ??= i => Start.AddHours(i).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var lines = new List<string> { "time,value,temperature_c" };
        for (var i = 0; i < days * 24; i++)
        {
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{time(i)},{Value(i)},{5 + i / 100.0}"));
        }

        return lines;
    }

    private static double Value(int i) => 10 + i % 24 + i / 1000.0;

    private static CsvReadResult Read(IEnumerable<string> lines, string target = "value", params string[] features) =>
        CsvSeriesReader.Read(string.Join("\n", lines) + "\n", "time", target, features.Length == 0 ? ["temperature_c"] : features);

    [Fact]
    public void A_clean_hourly_file_is_read_with_its_step_and_features()
    {
        var result = Read(Lines(28));
        Assert.Empty(result.Problems);
        var data = Assert.IsType<TimeSeriesData>(result.Data);
        Assert.Equal(new DateTimeOffset(Start, TimeSpan.Zero), data.Start);
        Assert.Equal(TimeSpan.FromHours(1), data.Step);
        Assert.Equal(28 * 24, data.Count);
        Assert.Equal(Value(100), data.Values[100]);
        Assert.Equal(5 + 100 / 100.0, data.Features["temperature_c"][100], 12);
        Assert.Contains(result.Notes, n => n.Contains("Step 1 h inferred", StringComparison.Ordinal));
    }

    [Fact]
    public void Iso_times_with_offsets_and_fifteen_minute_steps_are_accepted()
    {
        // 22 days of 15-minute samples (Lines makes 24 per "day" argument, so 88 × 24 = 22 × 96).
        var pacificStart = new DateTimeOffset(2016, 8, 1, 0, 0, 0, TimeSpan.FromHours(-8));
        var result = Read(Lines(22 * 4, i => pacificStart.AddMinutes(15 * i).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)));
        var data = Assert.IsType<TimeSeriesData>(result.Data);
        Assert.Equal(TimeSpan.FromHours(-8), data.Start.Offset);
        Assert.Equal(TimeSpan.FromMinutes(15), data.Step);
        Assert.Equal(96, data.StepsPerDay);

        var utc = Read(Lines(22, i => Start.AddHours(i).ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture)));
        Assert.Equal(TimeSpan.Zero, Assert.IsType<TimeSeriesData>(utc.Data).Start.Offset);
    }

    [Fact]
    public void A_gap_of_up_to_three_steps_is_interpolated_and_reported()
    {
        var lines = Lines(28);
        lines.RemoveRange(1 + 53, 2); // samples 53 and 54 (2022-03-03 05:00 and 06:00), lines 55 and 56
        var result = Read(lines);
        var data = Assert.IsType<TimeSeriesData>(result.Data);

        Assert.Equal(Value(53), data.Values[53], 9);
        Assert.Equal(Value(54), data.Values[54], 9);
        Assert.Equal(5.53, data.Features["temperature_c"][53], 9);
        var note = Assert.Single(result.Notes, n => n.Contains("target 'value': 1 short gap(s) filled by linear interpolation", StringComparison.Ordinal));
        Assert.Contains("2 step(s) of missing timestamps from 2022-03-03T05:00:00+00:00 (after line 54)", note, StringComparison.Ordinal);
    }

    [Fact]
    public void A_longer_gap_skips_the_days_it_touches_and_names_them()
    {
        var lines = Lines(28);
        lines.RemoveRange(1 + 70, 5); // samples 70–74: 2022-03-03 22:00 to 2022-03-04 02:00
        var result = Read(lines);
        var data = Assert.IsType<TimeSeriesData>(result.Data);

        Assert.All(data.Values.AsSpan(48, 48).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.False(double.IsNaN(data.Values[47]));
        Assert.False(double.IsNaN(data.Values[96]));
        Assert.Contains(result.Notes, n => n.Contains("5 step(s) of missing timestamps from 2022-03-03T22:00:00+00:00", StringComparison.Ordinal)
            && n.Contains("day(s) 2022-03-03, 2022-03-04 skipped", StringComparison.Ordinal));
        Assert.Contains(result.Notes, n => n.StartsWith("2 day(s) skipped", StringComparison.Ordinal));
    }

    [Fact]
    public void Empty_cells_are_missing_values()
    {
        var lines = Lines(28);
        lines[1 + 100] = lines[1 + 100].Replace($",{Value(100).ToString(CultureInfo.InvariantCulture)},", ",,", StringComparison.Ordinal);
        var result = Read(lines);
        var data = Assert.IsType<TimeSeriesData>(result.Data);
        Assert.Equal(Value(100), data.Values[100], 9);
        Assert.Contains(result.Notes, n => n.Contains("1 step(s) of missing values from 2022-03-05T04:00:00+00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void Zero_runs_longer_than_a_day_are_reported_as_outages_and_skipped()
    {
        var lines = Lines(28);
        string Zero(string line)
        {
            var f = line.Split(',');
            return $"{f[0]},0,{f[2]}";
        }

        for (var i = 9 * 24 + 6; i < 9 * 24 + 6 + 30; i++)
        {
            lines[i + 1] = Zero(lines[i + 1]); // 30 h of zeros from 2022-03-10 06:00
        }

        for (var i = 20 * 24; i < 20 * 24 + 20; i++)
        {
            lines[i + 1] = Zero(lines[i + 1]); // 20 h of zeros: plausible, kept
        }

        var result = Read(lines);
        var data = Assert.IsType<TimeSeriesData>(result.Data);
        var note = Assert.Single(result.Notes, n => n.Contains("run(s) of zeros longer than 24 h", StringComparison.Ordinal));
        Assert.StartsWith("1 run(s)", note, StringComparison.Ordinal);
        Assert.Contains("zeros for 30 h from 2022-03-10T06:00:00+00:00 to 2022-03-11T11:00:00+00:00, lines 224–253", note, StringComparison.Ordinal);
        Assert.Contains("meter outage, day(s) 2022-03-10, 2022-03-11 skipped", note, StringComparison.Ordinal);
        Assert.All(data.Values.AsSpan(9 * 24, 48).ToArray(), v => Assert.True(double.IsNaN(v)));
        Assert.Equal(0.0, data.Values[20 * 24 + 5]);
    }

    [Fact]
    public void Unparseable_numbers_and_times_are_rejected_with_line_column_and_value()
    {
        var lines = Lines(28);
        lines[10] = $"{lines[10].Split(',')[0]},abc,5.09";
        lines[12] = "2022-03-01 11h00,21,5.11";
        var result = Read(lines);

        Assert.Null(result.Data);
        Assert.Contains("line 11, column 'value': 'abc' is not a finite number", result.Problems[0], StringComparison.Ordinal);
        Assert.Contains("line 13, column 'time': cannot read the time '2022-03-01 11h00'", result.Problems[1], StringComparison.Ordinal);
        Assert.Equal(2, result.Problems.Count);

        var extra = Lines(28);
        extra[5] = "2022-03-01 03:00:00,13";
        var short_ = Read(extra);
        Assert.Contains("line 6: 2 field(s), but the columns read need at least 3", Assert.Single(short_.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Times_that_do_not_increase_are_rejected_with_the_line()
    {
        var lines = Lines(28);
        (lines[40], lines[41]) = (lines[41], lines[40]);
        var result = Read(lines);
        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 42, column 'time': time 2022-03-02T15:00:00+00:00 is not after 2022-03-02T16:00:00+00:00 on line 41; times must increase.", problem);
    }

    [Fact]
    public void A_missing_column_is_named_with_the_header()
    {
        var result = Read(Lines(28), "value", "temperature");
        Assert.Null(result.Data);
        var problem = Assert.Single(result.Problems);
        Assert.Equal("line 1: feature column 'temperature' not found; the header has: 'time', 'value', 'temperature_c'.", problem);

        var target = CsvSeriesReader.Read(string.Join("\n", Lines(28)), "timestamp", "kw", []);
        Assert.Equal(2, target.Problems.Count);
        Assert.Contains("time column 'timestamp' not found", target.Problems[0], StringComparison.Ordinal);
        Assert.Contains("target column 'kw' not found", target.Problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Fewer_than_three_weeks_are_rejected()
    {
        var result = Read(Lines(20));
        Assert.Null(result.Data);
        Assert.Contains("The data span 20 days (lines 2–481", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Steps_longer_than_an_hour_are_rejected()
    {
        var lines = Lines(60).Where((_, i) => i == 0 || (i - 1) % 2 == 0);
        var result = Read(lines);
        Assert.Null(result.Data);
        Assert.Contains("The most common time step is 2 h", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Times_off_the_step_grid_are_rejected()
    {
        var lines = Lines(28);
        lines[30] = lines[30].Replace(":00:00,", ":20:00,", StringComparison.Ordinal);
        var result = Read(lines);
        Assert.Null(result.Data);
        Assert.Equal("line 31: time 2022-03-02T05:20:00+00:00 is 80 min after line 30, not a whole number of 1 h steps.", result.Problems[0]);
    }

    [Fact]
    public void Too_many_skipped_days_leave_too_little_data()
    {
        var lines = Lines(25);
        lines.RemoveRange(1 + 24, 24 * 6); // 2022-03-02 to 2022-03-07 missing: 25 − 6 = 19 days left
        var result = Read(lines);
        Assert.Null(result.Data);
        Assert.Contains("Only 19 whole days remain usable", Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Quoted_fields_a_byte_order_mark_and_crlf_line_ends_are_read()
    {
        var text = new StringBuilder("\uFEFF\"time\",\"value\",\"temperature_c\"\r\n");
        foreach (var line in Lines(22).Skip(1))
        {
            var f = line.Split(',');
            text.Append($"\"{f[0]}\",\"{f[1]}\",{f[2]}\r\n");
        }

        var result = CsvSeriesReader.Read(text.ToString(), "TIME", " Value ", ["temperature_c"]);
        Assert.Empty(result.Problems);
        Assert.Equal(22 * 24, Assert.IsType<TimeSeriesData>(result.Data).Count);
    }
}
