using CertManager.Core.Chain;
using CertManager.Core.Import;
using CertManager.Core.Install;
using CertManager.Core.Tokens;
using CertManager.Web.Api.Contracts;
using CertManager.Web.Hosting;
using CertManager.Web.Security;
using CertManager.Web.Services;

namespace CertManager.Web.Api;

/// <summary>
/// <c>/api/v1/certificate/check</c> and <c>/install</c>: the upload page for scripts. The same inputs (multipart), the
/// same importer, chain doctor and installer (<see cref="CertificateUploadSession"/>). Errors refuse (422); warnings
/// refuse too (409, <c>install.warnings-not-confirmed</c>) unless the form says <c>confirmWarnings=true</c>. Every
/// answer carries the chain doctor's report. The handlers read the form themselves (<see cref="RequestForms"/>, the
/// same status codes as ASP.NET Core's form binding) so that the request delegate generator can build them at compile
/// time; the OpenAPI document describes the body through <c>Accepts&lt;InstallForm&gt;</c>.
/// </summary>
internal static class InstallApi
{
    public static RouteGroupBuilder MapInstallApi(this RouteGroupBuilder api)
    {
        api.MapPost("/certificate/check", CheckAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .Accepts<InstallForm>(RequestForms.ContentTypes[0], RequestForms.ContentTypes[1])
            .WithName("CheckCertificate")
            .WithSummary("Runs the chain doctor over an upload without installing it.")
            .Produces<ChainReport>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapPost("/certificate/install", InstallAsync)
            .RequireScope(ApiScopes.CertificateWrite)
            .Accepts<InstallForm>(RequestForms.ContentTypes[0], RequestForms.ContentTypes[1])
            .WithName("InstallCertificate")
            .WithSummary("Checks and installs an upload; presented from the next TLS handshake.")
            .Produces<InstallResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        return api;
    }

    private static async Task<IResult> CheckAsync(HttpRequest request, CertificateUploadSession upload, CancellationToken cancellationToken)
    {
        var (form, unreadable) = await ReadFormAsync(request, cancellationToken);
        if (form is null)
        {
            return unreadable!;
        }

        var inputs = await ReadAsync(form, cancellationToken);
        if (inputs is null)
        {
            return ApiProblems.For(ApiErrors.CertificateMissing, StatusCodes.Status422UnprocessableEntity);
        }

        var report = await upload.ExamineAsync(inputs, form.Password, cancellationToken);
        return upload.CanInstall ? Results.Ok(report) : NotInstallable(report);
    }

    private static async Task<IResult> InstallAsync(HttpContext context, CertificateUploadSession upload, CancellationToken cancellationToken)
    {
        var (form, unreadable) = await ReadFormAsync(context.Request, cancellationToken);
        if (form is null)
        {
            return unreadable!;
        }

        var inputs = await ReadAsync(form, cancellationToken);
        if (inputs is null)
        {
            return ApiProblems.For(ApiErrors.CertificateMissing, StatusCodes.Status422UnprocessableEntity);
        }

        var report = await upload.ExamineAsync(inputs, form.Password, cancellationToken);
        if (!upload.CanInstall)
        {
            return NotInstallable(report);
        }

        var installed = await upload.InstallAsync(form.ConfirmWarnings, context.User.ActorName(), cancellationToken);
        if (!installed.Succeeded)
        {
            return ApiProblems.For([.. installed.Problems, .. report.Problems], ApiProblems.StatusFor(installed.Problems[0]), report);
        }

        return Results.Ok(new InstallResponse(installed.Value, report));
    }

    private static IResult NotInstallable(ChainReport report) =>
        ApiProblems.For(report.HasErrors ? report.Problems : [InstallErrors.NotInstallable, .. report.Problems], StatusCodes.Status422UnprocessableEntity, report);

    /// <summary>The request's form as <see cref="InstallForm"/>, or the status ASP.NET Core's form binding answers with.</summary>
    private static async Task<(InstallForm? Form, IResult? Refusal)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (fields, refusal) = await RequestForms.ReadAsync(request, cancellationToken);
        if (fields is null)
        {
            return (null, refusal);
        }

        return InstallForm.From(fields) is { } form
            ? (form, null)
            : (null, ApiProblems.For(ApiErrors.ConfirmWarningsNotBoolean, StatusCodes.Status400BadRequest));
    }

    /// <summary>The form's files as the importer's inputs, in the page's slots; null without a certificate.</summary>
    private static async Task<IReadOnlyList<ImportInput>?> ReadAsync(InstallForm form, CancellationToken cancellationToken)
    {
        if (form.Certificate is not { Length: > 0 } certificate)
        {
            return null;
        }

        var inputs = new List<ImportInput> { await ReadAsync(certificate, ImportSlot.Certificate, cancellationToken) };
        foreach (var intermediate in form.Intermediates?.Where(f => string.Equals(f.Name, nameof(InstallForm.Intermediates), StringComparison.OrdinalIgnoreCase)) ?? [])
        {
            inputs.Add(await ReadAsync(intermediate, ImportSlot.Intermediates, cancellationToken));
        }

        if (form.PrivateKey is { Length: > 0 } key)
        {
            inputs.Add(await ReadAsync(key, ImportSlot.PrivateKey, cancellationToken));
        }

        return inputs;
    }

    private static async Task<ImportInput> ReadAsync(IFormFile file, ImportSlot slot, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        return new ImportInput(file.FileName, buffer.ToArray(), slot);
    }
}
