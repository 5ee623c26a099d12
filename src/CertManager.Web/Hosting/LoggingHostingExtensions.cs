using System.Globalization;
using CertManager.Core.Storage;
using Serilog;
using Serilog.Events;

namespace CertManager.Web.Hosting;

/// <summary>
/// Serilog with a coded baseline (console, and a daily rolling file in the data directory's <c>logs/</c>) that the
/// <c>Serilog</c> configuration section refines: levels, overrides, extra sinks.
/// </summary>
public static class LoggingHostingExtensions
{
    public static WebApplicationBuilder AddCertManagerLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) =>
        {
            var logs = services.GetRequiredService<DataDirectory>();
            logs.EnsureCreated();
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}")
                .WriteTo.File(
                    Path.Combine(logs.LogsDirectory, "certmanager-.log"),
                    rollingInterval: RollingInterval.Day,
                    retainedFileCountLimit: 31,
                    formatProvider: CultureInfo.InvariantCulture,
                    outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {EventId}: {Message:lj}{NewLine}{Exception}")
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services);
        });
        return builder;
    }
}
