using CertManager.Acme.Issuance;
using CertManager.Acme.Protocol;
using CertManager.Core.Results;

namespace CertManager.Acme.Challenges;

/// <summary>
/// http-01 through another web server on this host (RFC 8555 §8.3): the key authorization is written to
/// <c>{web root}/.well-known/acme-challenge/{token}</c>, readable by that server (mode 0644; the console's umask
/// would make it private), and deleted afterwards. The token is base64url (§8.1), so it cannot leave the folder.
/// </summary>
internal sealed class WebRootHttpResponder(string webRoot) : IAcmeChallengeResponder
{
    private const UnixFileMode Readable = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Listable = Readable | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public string ChallengeType => AcmeChallenge.Http01;

    public Task<Result<bool>> PublishAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(webRoot))
        {
            return Task.FromResult<Result<bool>>(Problem.Error("acme.webroot-missing", $"The web root '{webRoot}' does not exist.", "Set CertManager:Acme:Challenges:WebRootDirectory to the document root of the web server that serves port 80 for these names."));
        }

        if (answer.Token.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            return Task.FromResult<Result<bool>>(Problem.Error("acme.token-invalid", "The CA sent a challenge token that is not base64url (RFC 8555 §8.1).", "Report this to the CA; nothing was written."));
        }

        try
        {
            var folder = Path.Combine(webRoot, ".well-known", "acme-challenge");
            foreach (var directory in new[] { Path.Combine(webRoot, ".well-known"), folder })
            {
                if (!Directory.Exists(directory))
                {
                    Directory.CreateDirectory(directory);
                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(directory, Listable);
                    }
                }
            }

            var path = Path.Combine(folder, answer.Token);
            File.WriteAllText(path, answer.KeyAuthorization);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, Readable);
            }

            return Task.FromResult(Result<bool>.Success(true));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult<Result<bool>>(Problem.Error("acme.webroot-write-failed", $"The challenge answer could not be written under '{webRoot}': {exception.Message}", "Give the console's service account write access to the web root's .well-known/acme-challenge folder."));
        }
    }

    public Task<Result<bool>> RemoveAsync(AcmeChallengeAnswer answer, CancellationToken cancellationToken)
    {
        try
        {
            File.Delete(Path.Combine(webRoot, ".well-known", "acme-challenge", answer.Token));
            return Task.FromResult(Result<bool>.Success(true));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult<Result<bool>>(Problem.Warning("acme.webroot-cleanup-failed", $"The challenge answer could not be deleted: {exception.Message}", "Delete it by hand; it holds no secret."));
        }
    }
}
