using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sems.Gateway.Auth;

namespace Sems.Gateway.Tests.Auth;

/// <summary>An <see cref="AuthRejections"/> of its own meter factory, logging into a <see cref="CapturedLog"/>.</summary>
internal sealed class TestRejections : IDisposable
{
    private readonly ServiceProvider _services;

    public TestRejections()
    {
        Log = new CapturedLog();
        _services = new ServiceCollection().AddMetrics().AddLogging(l => l.AddProvider(Log)).BuildServiceProvider();
        Rejections = new AuthRejections(_services.GetRequiredService<ILogger<AuthRejections>>(), _services.GetRequiredService<IMeterFactory>());
    }

    public CapturedLog Log { get; }

    public AuthRejections Rejections { get; }

    public void Dispose() => _services.Dispose();
}
