using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EscFirmware.FakeBmc.Web;

/// <summary>AMI web API failures: <c>{"error":"…","code":N}</c> (AMI-REST <c>THROW_MODEL_ERROR</c>, spec b.5).</summary>
internal static class WebError
{
    // INFERRED: 1009 is "bad credentials" only in a third-party emulator (spec c, "Other web codes seen").
    public const int BadCredentials = 1009;
    // INFERRED: the code for a missing/wrong session or CSRF token is not documented; spec c lists AMI-REST's
    // 401 "Session could not be established", so the code mirrors that status.
    public const int InvalidAuthentication = 401;
    // CONFIRMED: spec a.1 / c (MRN; AMI-UI-STR MAX_NUM_SESSIONS_ALREADY_IN_USE).
    public const int SessionTableFull = 15000;
    // ASUS-CONFIRMED: spec b.4 / c, login while latched in HPM update mode.
    public const int UpdateInProgress = 1348;

    public static IResult Result(int status, string error, int code) =>
        Results.Json(new JsonObject { ["error"] = error, ["code"] = code }, statusCode: status);

    public static IResult Unauthorized(string error, int code) => Result(StatusCodes.Status401Unauthorized, error, code);
}
