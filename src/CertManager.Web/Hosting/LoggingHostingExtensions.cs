using System.Globalization;
using CertManager.Core.Storage;
using Microsoft.Extensions.Options;
using Serilog;
using Serilog.Events;

namespace CertManager.Web.Hosting;

/// <summary>
/// Serilog with a coded baseline (console, and a file in the data directory's <c>logs/</c> that rolls by day and by size,
/// bounded in total by <see cref="LogFileOptions"/>) that the <c>Serilog</c> configuration section refines: levels,
/// overrides, extra sinks. Requests are logged by <see cref="RequestLogPolicy"/>.
/// </summary>
public static class LoggingHostingExtensions
{
    public static WebApplicationBuilder AddCertManagerLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptionsWithValidateOnStart<LogFileOptions>().BindConfiguration(LogFileOptions.SectionName).ValidateDataAnnotations();
        builder.Services.AddSerilog((services, logger) =>
        {
            var files = services.GetRequiredService<IOptions<LogFileOptions>>().Value;
            var logs = services.GetRequiredService<DataDirectory>();
            logs.EnsureCreated();
            logger
                .MinimumLevel.Information()
                .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
                .Enrich.FromLogContext()
                // Written by one background thread: each request's line used to wait for the console's and the file's
                // locks, contended by every other request. A full buffer makes the writer wait rather than drop lines;
                // the host flushes it when it stops.
                .WriteTo.Async(
                    sinks =>
                    {
                        sinks.Console(formatProvider: CultureInfo.InvariantCulture, outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
                        sinks.File(
                            Path.Combine(logs.LogsDirectory, "certmanager-.log"),
                            rollingInterval: RollingInterval.Day,
                            fileSizeLimitBytes: files.FileSizeLimitBytes,
                            rollOnFileSizeLimit: true,
                            retainedFileCountLimit: files.RetainedFileCountLimit,
                            formatProvider: CultureInfo.InvariantCulture,
                            outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext} {EventId}: {Message:lj}{NewLine}{Exception}");
                    },
                    blockWhenFull: true)
                .ReadFrom.Configuration(builder.Configuration)
                .ReadFrom.Services(services);
        });
        return builder;
    }

    /// <summary>One line per request, shaped by <see cref="RequestLogPolicy"/>.</summary>
    public static IApplicationBuilder UseCertManagerRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(RequestLogPolicy.Configure);
}
