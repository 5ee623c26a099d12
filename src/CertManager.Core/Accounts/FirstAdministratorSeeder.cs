using System.Security.Cryptography;
using CertManager.Core.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CertManager.Core.Accounts;

/// <summary>
/// Creates the first administrator when the console has no users. Without a configured password a random one is
/// generated and written to a file only the service account can read (<see cref="OneTimePasswordFile"/>), as the only
/// way into a fresh console; the log names the file, never the password. It must be changed at first sign-in, which
/// deletes the file.
/// </summary>
public sealed partial class FirstAdministratorSeeder(UserAccountService accounts, OneTimePasswordFile passwordFile, IOptions<AccountOptions> options, ILogger<FirstAdministratorSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await accounts.AnyAsync(cancellationToken))
        {
            return;
        }

        var name = options.Value.InitialAdministratorName;
        var configured = options.Value.InitialAdministratorPassword;
        var generated = string.IsNullOrEmpty(configured);
        var password = generated ? GeneratePassword(Math.Max(GeneratedPasswordLength, options.Value.MinimumPasswordLength)) : configured!;
        var created = await accounts.CreateAsync(name, UserRole.Administrator, password, mustChangePassword: generated, EventRecorder.SystemActor, cancellationToken);
        if (!created.Succeeded)
        {
            var problem = created.Problems[0];
            throw new InvalidOperationException($"Cannot create the first administrator '{name}': {problem.Message} {problem.Fix} (configuration key {AccountOptions.SectionName}:InitialAdministratorPassword)");
        }

        if (generated)
        {
            passwordFile.Write(password);
            LogGeneratedPassword(logger, name, passwordFile.Path);
        }
        else
        {
            LogConfiguredAdministrator(logger, name);
        }
    }

    /// <summary>20 characters (about 115 bits), or more when the configured minimum length asks for more.</summary>
    private const int GeneratedPasswordLength = 20;

    /// <summary>Characters from an alphabet without look-alikes (no 0/O, 1/l/I).</summary>
    private static string GeneratePassword(int length)
    {
        const string alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, length);
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Created the first administrator '{UserName}' with a one-time password in the file {PasswordFile} (readable by this account only) - sign in at /account/login and change it now; the file is deleted then")]
    private static partial void LogGeneratedPassword(ILogger logger, string userName, string passwordFile);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Created the first administrator '{UserName}' with the configured password")]
    private static partial void LogConfiguredAdministrator(ILogger logger, string userName);
}
