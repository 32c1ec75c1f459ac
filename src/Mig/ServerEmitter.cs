using System.Collections.Generic;
using System.Linq;

namespace MachActors.Mig;

/// <summary>
/// Emits <c>{Stem}Server</c>: the demux (id -> routine; MIG_BAD_ID for ids outside the table and
/// skipped slots), one unpack-call-pack method per routine (MIG_BAD_ARGUMENTS for a wrong shape), and
/// one public reply builder per routine, which a server that deferred its reply calls later.
/// </summary>
internal static class ServerEmitter
{
    public static string Emit(SubsystemModel model)
    {
        var server = model.Interface;
        var w = new CodeWriter().FileHeader(model.Namespace);
        w.Line("/// <summary>");
        w.Line($"/// MIG server side of subsystem \"{model.Subsystem}\" (base {Wire.Num(model.Base)}), generated from");
        w.Line($"/// <see cref=\"{StubEmitter.Cref(server)}\"/>: <see cref=\"Demux\"/> and the reply builders.");
        w.Line("/// </summary>");
        w.Line(Wire.GeneratedCode);
        w.Open($"{model.Accessibility} static partial class {model.Stem}Server");
        w.Line("/// <summary>The subsystem's name.</summary>");
        w.Line($"public const string Subsystem = \"{model.Subsystem}\";");
        w.Line();
        w.Line("/// <summary>The subsystem's base id.</summary>");
        w.Line($"public const int Base = {Wire.Num(model.Base)};");
        w.Line();
        EmitIsRoutine(w, model);
        w.Line();
        EmitDemux(w, model);
        foreach (var r in model.Routines)
        {
            w.Line();
            EmitServe(w, r, server);
            if (!r.IsSimple)
            {
                w.Line();
                EmitReplyBuilder(w, r);
            }
        }
        w.Close();
        return w.ToString();
    }

    private static void EmitIsRoutine(CodeWriter w, SubsystemModel model)
    {
        w.Line("/// <summary>True when <paramref name=\"id\"/> names a routine of this subsystem (Demux would not answer MIG_BAD_ID).</summary>");
        w.Line("/// <param name=\"id\">A request id.</param>");
        w.Line("/// <returns>Whether the id is served.</returns>");
        var ids = model.Routines.Select(r => Wire.Num(r.Id)).ToList();
        w.Line(ids.Count == 0
            ? "public static bool IsRoutine(int id) => false;"
            : $"public static bool IsRoutine(int id) => id is {string.Join(" or ", ids)};");
    }

    private static void EmitDemux(CodeWriter w, SubsystemModel model)
    {
        w.Line("/// <summary>");
        w.Line("/// Serves one received request (header reversed: remote = the reply right, local = the port it came");
        w.Line("/// in on): finds the routine by id, unpacks and checks the items, calls <paramref name=\"server\"/> and");
        w.Line("/// packs the reply (id + 100, the reply right moved back, RetCode first). Unknown and skipped ids get");
        w.Line("/// MIG_BAD_ID, a wrong shape MIG_BAD_ARGUMENTS (both as a short error reply); a routine returning");
        w.Line("/// MIG_NO_REPLY sends nothing now; a simpleroutine never replies.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"request\">The received request.</param>");
        w.Line("/// <param name=\"server\">The object that implements the routines.</param>");
        w.Line("/// <returns>Whether the id was known, the RetCode, and the reply to send (null: none).</returns>");
        w.Open($"public static {Wire.Mig}MigDemuxResult Demux({Wire.Ipc}MachMessage request, {model.Interface} server)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(request);");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(server);");
        w.Line($"var reply = {Wire.Mig}MigReplyHandle.For(request);");
        w.Open("switch (request.Header.Id)");
        foreach (var r in model.Routines)
        {
            w.Line($"case {Wire.Num(r.Id)}: return Serve{Wire.Num(r.Id)}(request, reply, server);");
        }
        w.Line($"default: return {Wire.Mig}MigServer.Fail(reply, {Wire.Mig}MigReturn.BadId);");
        w.Close();
        w.Close();
    }

    private static void EmitServe(CodeWriter w, RoutineModel r, string server)
    {
        var ins = r.Params.Where(p => !p.IsOut && p.Kind != ParamKind.ReplyHandle).ToList();
        var badArgs = $"return {Wire.Mig}MigServer.Fail(reply, {Wire.Mig}MigReturn.BadArguments);";
        w.Open($"private static {Wire.Mig}MigDemuxResult Serve{Wire.Num(r.Id)}({Wire.Ipc}MachMessage request, {Wire.Mig}MigReplyHandle reply, {server} server)");
        w.Line("var body = request.Body;");
        w.Line($"if (body.IsDefault || body.Length != {Wire.Num(ins.Count)}) {badArgs}");
        for (var i = 0; i < ins.Count; i++)
        {
            w.Line($"if (!{Wire.Check(ins[i], $"body[{Wire.Num(i)}]", "p_" + ins[i].Name, enforceMax: true)}) {badArgs}");
        }

        var args = new List<string> { "request.Header.Local" };
        foreach (var p in r.Params)
        {
            if (p.IsOut) args.Add("out var o_" + p.Name);
            else if (p.Kind == ParamKind.ReplyHandle) args.Add("reply");
            else args.Add(Wire.Read(p, "p_" + p.Name));
        }
        var call = $"server.{r.Name}({string.Join(", ", args)})";
        if (r.IsSimple)
        {
            w.Line(r.ReturnType.Length == 0
                ? $"{call};"
                : $"var ret = {call};");
            w.Line($"return {Wire.Mig}MigServer.OneWay({(r.ReturnType.Length == 0 ? "0" : "(int)ret")});");
        }
        else
        {
            w.Line($"var ret = {call};");
            w.Line($"if ((int)ret != 0) return {Wire.Mig}MigServer.Fail(reply, (int)ret);");
            var outs = r.Params.Where(p => p.IsOut).Select(p => "o_" + p.Name);
            w.Line($"return {Wire.Mig}MigServer.Done({r.Name}Reply({string.Join(", ", new[] { "reply", "ret" }.Concat(outs))}));");
        }
        w.Close();
    }

    private static void EmitReplyBuilder(CodeWriter w, RoutineModel r)
    {
        var outs = r.Params.Where(p => p.IsOut).ToList();
        w.Line($"/// <summary>");
        w.Line($"/// The reply of <c>{r.Name}</c> (id {Wire.Num(r.Id + 100)}) for <paramref name=\"reply\"/>: RetCode and the out");
        w.Line("/// parameters, or the short error reply when <paramref name=\"retCode\"/> is not 0. A server that");
        w.Line("/// returned MIG_NO_REPLY builds its answer here later and sends it.");
        w.Line("/// </summary>");
        w.Line("/// <param name=\"reply\">The request's reply handle.</param>");
        w.Line("/// <param name=\"retCode\">The routine's code.</param>");
        foreach (var p in outs) w.Line($"/// <param name=\"{p.Name}\">Out parameter {p.Name}.</param>");
        w.Line("/// <returns>The reply, or null when the request had no reply right.</returns>");
        var parameters = new List<string> { $"{Wire.Mig}MigReplyHandle reply", $"{r.ReturnType} retCode" };
        parameters.AddRange(outs.Select(p => $"{p.Type} {Wire.Id(p.Name)}"));
        w.Open($"public static {Wire.Ipc}MachMessage? {r.Name}Reply({string.Join(", ", parameters)})");
        w.Line($"if ((int)retCode != 0) return {Wire.Mig}MigServer.ErrorReply(reply, (int)retCode);");
        w.Line("if (reply.IsNull) return null;");
        var items = new List<string> { $"new {Wire.Item}.Int32(0)" };
        items.AddRange(outs.Select(p => Wire.Build(p, Wire.Id(p.Name))));
        w.Line($"return new {Wire.Ipc}MachMessage(reply.Header(), {Wire.Immutable}ImmutableArray.Create<{Wire.Item}>({string.Join(", ", items)}));");
        w.Close();
    }
}
