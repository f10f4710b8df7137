using System.Text.Json;
using Sems.Engine.Districts;

namespace Sems.Engine.Json;

/// <summary>A document that passed <see cref="StrictJson"/>, or the problems that stopped it (never both).</summary>
public sealed record StrictJsonResult(JsonDocument? Document, IReadOnlyList<ValidationProblem> Problems) : IDisposable
{
    public void Dispose() => Document?.Dispose();
}
