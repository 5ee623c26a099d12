using System.CommandLine;
using System.Text.Json;
using CertManager.Cli.Json;
using CertManager.Core.Export;
using CertManager.Core.Results;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace CertManager.Cli.Commands;

/// <summary>
/// <c>certman export</c>: the certificate a console presents, with its key and chain, for the servers behind the proxy;
/// the same <see cref="BundleExporter"/> as the console's download, audited in the console's event log. Reading the
/// data directory is the authorization here, as for every certman command.
/// </summary>
internal static class ExportCommand
{
    private static readonly Dictionary<string, ExportFormat> Formats = new(StringComparer.Ordinal)
    {
        ["zip"] = ExportFormat.Zip,
        ["pfx"] = ExportFormat.Pfx,
        ["pem"] = ExportFormat.PublicPem,
    };

    private static readonly Dictionary<string, PfxProfile> Profiles = new(StringComparer.Ordinal)
    {
        ["modern"] = PfxProfile.Modern,
        ["compatible"] = PfxProfile.Compatible,
    };

    private sealed record Invocation(string DataDirectory, ExportFormat Format, PfxProfile Profile, string? PasswordFile, string? PasswordVariable, string? OutputFile, bool Json);

    public static Command Create()
    {
        var dataDirectory = new Option<string>("--data-dir") { Description = "The console's data directory.", Required = true };
        var format = new Option<string>("--format") { Description = "zip: PEM files with the private key; pfx: PKCS#12 with key and chain; pem: certificate and chain without the key (a ZIP of PEM files).", Required = true };
        format.AcceptOnlyFromAmong([.. Formats.Keys]);
        var profile = new Option<string>("--pfx-profile") { Description = "PFX encryption: modern (AES-256-CBC, PBKDF2-SHA256, SHA-256 MAC) or compatible (3DES, SHA-1 MAC, for older Windows servers and appliances).", DefaultValueFactory = _ => "modern" };
        profile.AcceptOnlyFromAmong([.. Profiles.Keys]);
        var passwordFile = new Option<string>("--password-file") { Description = "Read the PFX password from the first line of this file. Without it or --password-env, certman asks (or reads stdin's first line)." };
        var passwordVariable = new Option<string>("--password-env") { Description = "Read the PFX password from the environment variable with this name (the name, not the password)." };
        var output = new Option<string>("--out") { Description = "Write to this file (mode 0600; never replaces a file). Default: the download's name in the current directory, e.g. wildcard.example.com.zip." };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON on stdout." };

        var command = new Command("export", "Export the certificate the console presents: a ZIP of PEM files, a PFX, or the certificate and chain without the key.");
        foreach (var option in new Option[] { dataDirectory, format, profile, passwordFile, passwordVariable, output, json })
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            var isPfx = result.GetValue(format) == "pfx";
            if (!isPfx && (result.GetResult(profile) is { Implicit: false } || result.GetResult(passwordFile) is not null || result.GetResult(passwordVariable) is not null))
            {
                result.AddError("--pfx-profile, --password-file and --password-env apply to --format pfx only.");
            }

            if (result.GetResult(passwordFile) is not null && result.GetResult(passwordVariable) is not null)
            {
                result.AddError("Give the PFX password one way: --password-file or --password-env.");
            }
        });

        command.SetAction((parse, cancellationToken) => RunAsync(
            new Invocation(
                parse.GetValue(dataDirectory)!,
                Formats[parse.GetValue(format)!],
                Profiles[parse.GetValue(profile)!],
                parse.GetValue(passwordFile),
                parse.GetValue(passwordVariable),
                parse.GetValue(output),
                parse.GetValue(json)),
            cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(Invocation invocation, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(invocation.DataDirectory))
        {
            return Fail([CliErrors.DataDirectoryMissing(invocation.DataDirectory)], ExitCodes.Failure, invocation.Json);
        }

        string? password = null;
        if (invocation.Format == ExportFormat.Pfx)
        {
            var read = PfxPasswordSource.Read(invocation.PasswordFile, invocation.PasswordVariable);
            if (!read.Succeeded)
            {
                return Fail(read.Problems, ExitCodes.InvalidInput, invocation.Json);
            }

            password = read.Value;
        }

        try
        {
            await using var services = await ConsoleServices.OpenAsync(invocation.DataDirectory, cancellationToken);
            var exporter = services.GetRequiredService<BundleExporter>();
            var prepared = exporter.Prepare(new ExportRequest(invocation.Format, invocation.Profile, password));
            if (!prepared.Succeeded)
            {
                return Fail(prepared.Problems, ExitCodes.InvalidInput, invocation.Json);
            }

            var path = Path.GetFullPath(invocation.OutputFile ?? prepared.Value.FileName);
            var written = await WriteAsync(exporter, prepared.Value, path, cancellationToken);
            return written is { } problem
                ? Fail([problem], ExitCodes.Failure, invocation.Json)
                : Report(prepared.Value, path, invocation.Json);
        }
        catch (Exception exception) when (exception is SqliteException or UnauthorizedAccessException or InvalidDataException)
        {
            return Fail([CliErrors.DataDirectoryUnusable(invocation.DataDirectory, exception.Message)], ExitCodes.Failure, invocation.Json);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>Creates the file 0600 (it may hold the key) and never over an existing one; a half-written file is removed.</summary>
    private static async Task<Problem?> WriteAsync(BundleExporter exporter, PreparedExport prepared, string path, CancellationToken cancellationToken)
    {
        if (File.Exists(path))
        {
            return CliErrors.OutputExists(path);
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var created = false;
        var complete = false;
        try
        {
            var file = new FileStream(path, options);
            created = true;
            await using (file)
            {
                await exporter.WriteAsync(prepared, file, $"cli:{Environment.UserName}", cancellationToken);
            }

            complete = true;
            return null;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return exception is DirectoryNotFoundException
                ? CliErrors.OutputDirectoryMissing(path)
                : CliErrors.ExportNotWritten(path, exception.Message);
        }
        finally
        {
            if (created && !complete)
            {
                TryDelete(path);
            }
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Nothing more to do; the message names the file.
        }
    }

    private static int Report(PreparedExport prepared, string path, bool json)
    {
        ProblemWriter.Write(prepared.Warnings);
        Console.Error.WriteLine(prepared.Request.IncludesPrivateKey
            ? $"Wrote {path} (mode 0600): it holds the private key; move it over a secure channel and delete it afterwards."
            : $"Wrote {path}: the certificate and chain, without the private key.");
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(
                new ExportJson(path, prepared.Request.Describe(), prepared.Request.IncludesPrivateKey, prepared.Subject, prepared.Fingerprint, ProblemJson.From(prepared.Warnings)),
                CliJsonContext.Output.ExportJson));
        }

        return ExitCodes.Success;
    }

    private static int Fail(IReadOnlyList<Problem> problems, int exitCode, bool json)
    {
        ProblemWriter.Write(problems);
        if (json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(new FailureJson(ProblemJson.From(problems)), CliJsonContext.Output.FailureJson));
        }

        return exitCode;
    }
}
