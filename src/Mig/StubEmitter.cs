using System.Collections.Generic;
using System.Linq;

namespace MachActors.Mig;

/// <summary>
/// Emits <c>{Stem}Client</c>: one async user stub per routine. A routine's stub builds the request
/// (request port with its disposition, the reply port from the transport as MAKE_SEND_ONCE, id, in
/// items), makes one RPC, checks the reply and returns the RetCode (with the out parameters as a
/// tuple). A received reply it rejects is destroyed through the transport first (mach_msg_destroy). A simpleroutine's stub sends one message and returns the send's code.
/// </summary>
internal static class StubEmitter
{
    public static string Emit(SubsystemModel model)
    {
        var w = new CodeWriter().FileHeader(model.Namespace);
        w.Line("/// <summary>");
        w.Line($"/// MIG user stubs of subsystem \"{model.Subsystem}\" (base {Wire.Num(model.Base)}), generated from");
        w.Line($"/// <see cref=\"{Cref(model.Interface)}\"/>. Every failure is a code: the RetCode, a MIG code or a mach_msg code.");
        w.Line("/// </summary>");
        w.Line(Wire.GeneratedCode);
        w.Open($"{model.Accessibility} sealed partial class {model.Stem}Client");
        w.Line($"private readonly {Wire.Mig}IMigTransport _transport;");
        w.Line();
        w.Line("/// <summary>Stubs that send through <paramref name=\"transport\"/>.</summary>");
        w.Line("/// <param name=\"transport\">mach_msg for the calling thread.</param>");
        w.Open($"public {model.Stem}Client({Wire.Mig}IMigTransport transport)");
        w.Line("global::System.ArgumentNullException.ThrowIfNull(transport);");
        w.Line("_transport = transport;");
        w.Close();
        foreach (var routine in model.Routines)
        {
            w.Line();
            if (routine.IsSimple) EmitSimple(w, routine);
            else EmitRoutine(w, routine);
        }
        w.Close();
        return w.ToString();
    }

    private static void EmitRoutine(CodeWriter w, RoutineModel r)
    {
        var outs = r.Params.Where(p => p.IsOut).ToList();
        var retType = r.ReturnType;
        var resultType = outs.Count == 0
            ? retType
            : "(" + retType + " RetCode, " + string.Join(", ", outs.Select(p => p.Type + " " + Wire.Pascal(p.Name))) + ")";
        string Result(string code, IEnumerable<string> values) =>
            outs.Count == 0 ? code : "(" + code + ", " + string.Join(", ", values) + ")";
        string Fail(string code) => Result(code, outs.Select(Wire.Default));

        w.Line($"/// <summary>Routine <c>{r.Name}</c> (id {Wire.Num(r.Id)}, reply {Wire.Num(r.Id + 100)}): one RPC to <paramref name=\"{r.RequestPort}\"/>.</summary>");
        w.Line(outs.Count == 0
            ? "/// <returns>The RetCode, or a MIG or mach_msg code.</returns>"
            : "/// <returns>The RetCode (or a MIG or mach_msg code) and the out parameters, which are defaults unless RetCode is 0.</returns>");
        w.Open($"public async global::System.Threading.Tasks.ValueTask<{resultType}> {r.Name}Async({Signature(r)})");
        EmitCountChecks(w, r, code => Fail(code));
        w.Line("var __replyPort = await _transport.GetReplyPortAsync();");
        w.Line($"var __request = new {Wire.Ipc}MachMessage(new {Wire.Ipc}MsgHeader({Wire.Id(r.RequestPort)}, {Wire.MsgType(r.RequestDisposition)}, __replyPort, {Wire.Ipc}MsgType.MakeSendOnce, {Wire.Num(r.Id)}), {Body(r)});");
        w.Line("var __result = await _transport.RpcAsync(__request);");
        w.Line($"var __code = {Wire.Mig}MigUser.CheckReply(__result, {Wire.Num(r.Id + 100)}, {Wire.Num(outs.Count)}, out var __body);");
        w.Open("if (__code != 0)");
        w.Line($"await {Wire.Mig}MigUser.DiscardAsync(_transport, __result);");
        w.Line($"return {Fail($"({retType})__code")};");
        w.Close();
        var typeError = $"({retType})(int){Wire.Mig}MigReturn.TypeError";
        var tooLarge = $"({retType})(int){Wire.Mig}MigReturn.ArrayTooLarge";
        for (var i = 0; i < outs.Count; i++)
        {
            var p = outs[i];
            w.Open($"if (!{Wire.Check(p, $"__body[{Wire.Num(i + 1)}]", "o_" + p.Name, enforceMax: false)})");
            w.Line($"await {Wire.Mig}MigUser.DiscardAsync(_transport, __result);");
            w.Line($"return {Fail(typeError)};");
            w.Close();
            if (Wire.HasCount(p))
            {
                w.Open($"if (!{Wire.Marshal}.Fits({Wire.Marshal}.CountOf(o_{p.Name}), {Wire.Num(p.Max)}))");
                w.Line($"await {Wire.Mig}MigUser.DiscardAsync(_transport, __result);");
                w.Line($"return {Fail(tooLarge)};");
                w.Close();
            }
        }
        w.Line($"return {Result($"({retType})0", outs.Select(p => Wire.Read(p, "o_" + p.Name)))};");
        w.Close();
    }

    private static void EmitSimple(CodeWriter w, RoutineModel r)
    {
        w.Line($"/// <summary>Simpleroutine <c>{r.Name}</c> (id {Wire.Num(r.Id)}): one message to <paramref name=\"{r.RequestPort}\"/>, no reply.</summary>");
        w.Line("/// <returns>The send's code (SendInvalidData when an argument exceeds its [MigMaxCount]).</returns>");
        w.Open($"public global::System.Threading.Tasks.ValueTask<{Wire.Ipc}MachMsgReturn> {r.Name}Async({Signature(r)})");
        EmitCountChecks(w, r, _ => $"new global::System.Threading.Tasks.ValueTask<{Wire.Ipc}MachMsgReturn>({Wire.Ipc}MachMsgReturn.SendInvalidData)");
        w.Line($"var __request = new {Wire.Ipc}MachMessage({Wire.Ipc}MsgHeader.To({Wire.Id(r.RequestPort)}, {Wire.MsgType(r.RequestDisposition)}, {Wire.Num(r.Id)}), {Body(r)});");
        w.Line("return _transport.SendAsync(__request);");
        w.Close();
    }

    private static void EmitCountChecks(CodeWriter w, RoutineModel r, System.Func<string, string> fail)
    {
        foreach (var p in r.Params.Where(p => !p.IsOut && Wire.HasCount(p)))
        {
            var code = $"({r.ReturnType})(int){Wire.Mig}MigReturn.ArrayTooLarge";
            w.Line($"if (!{Wire.Marshal}.Fits({Wire.Marshal}.CountOf({Wire.Id(p.Name)}), {Wire.Num(p.Max)})) return {fail(code)};");
        }
    }

    private static string Signature(RoutineModel r)
    {
        var parts = new List<string> { $"{Wire.Ipc}PortName {Wire.Id(r.RequestPort)}" };
        parts.AddRange(r.Params.Where(p => !p.IsOut && p.Kind != ParamKind.ReplyHandle).Select(p => $"{p.Type} {Wire.Id(p.Name)}"));
        return string.Join(", ", parts);
    }

    private static string Body(RoutineModel r)
    {
        var items = r.Params.Where(p => !p.IsOut && p.Kind != ParamKind.ReplyHandle).Select(p => Wire.Build(p, Wire.Id(p.Name))).ToList();
        return items.Count == 0
            ? $"{Wire.Immutable}ImmutableArray<{Wire.Item}>.Empty"
            : $"{Wire.Immutable}ImmutableArray.Create<{Wire.Item}>({string.Join(", ", items)})";
    }

    internal static string Cref(string qualified) => qualified.StartsWith("global::", System.StringComparison.Ordinal) ? qualified.Substring(8) : qualified;
}
