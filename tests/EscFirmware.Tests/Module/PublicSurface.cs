using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;

namespace EscFirmware.Tests.Module
{
    /// <summary>
    /// Every type a type's metadata names outside method bodies: base types, interfaces, fields, properties, events,
    /// method and constructor signatures, generic constraints and the attributes on all of them (their own types and
    /// their typeof() arguments), each unwrapped from arrays, by-refs, pointers and generic arguments.
    /// </summary>
    internal static class PublicSurface
    {
        private const BindingFlags Declared =
            BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        public sealed class Mention
        {
            public Mention(string where, Type type)
            {
                Where = where;
                Type = type;
            }

            public string Where { get; }
            public Type Type { get; }
        }

        public static IEnumerable<Mention> Mentions(Type type)
        {
            var found = new List<Mention>();
            for (var ancestor = type.BaseType; ancestor != null; ancestor = ancestor.BaseType) Add(found, "base type", ancestor);
            foreach (var contract in type.GetInterfaces()) Add(found, "interface", contract);
            foreach (var parameter in type.GetGenericArguments()) Constraints(found, "generic parameter " + parameter.Name, parameter);
            Attributes(found, "type attribute", type.GetCustomAttributesData());
            foreach (var field in type.GetFields(Declared))
            {
                Add(found, "field " + field.Name, field.FieldType);
                Attributes(found, "field " + field.Name, field.GetCustomAttributesData());
            }
            foreach (var property in type.GetProperties(Declared))
            {
                Add(found, "property " + property.Name, property.PropertyType);
                Attributes(found, "property " + property.Name, property.GetCustomAttributesData());
                foreach (var index in property.GetIndexParameters()) Add(found, "property " + property.Name, index.ParameterType);
            }
            foreach (var e in type.GetEvents(Declared))
            {
                Add(found, "event " + e.Name, e.EventHandlerType!);
                Attributes(found, "event " + e.Name, e.GetCustomAttributesData());
            }
            foreach (var method in type.GetMethods(Declared))
            {
                Signature(found, "method " + method.Name, method);
                Add(found, "method " + method.Name + " return", method.ReturnType);
                Attributes(found, "method " + method.Name + " return", method.ReturnParameter.GetCustomAttributesData());
                foreach (var parameter in method.GetGenericArguments()) Constraints(found, "method " + method.Name, parameter);
            }
            foreach (var constructor in type.GetConstructors(Declared)) Signature(found, "constructor", constructor);
            return found;
        }

        private static void Signature(List<Mention> found, string where, MethodBase method)
        {
            Attributes(found, where, method.GetCustomAttributesData());
            foreach (var parameter in method.GetParameters())
            {
                Add(found, where + " parameter " + parameter.Name, parameter.ParameterType);
                Attributes(found, where + " parameter " + parameter.Name, parameter.GetCustomAttributesData());
            }
        }

        private static void Constraints(List<Mention> found, string where, Type parameter)
        {
            foreach (var constraint in parameter.GetGenericParameterConstraints()) Add(found, where + " constraint", constraint);
        }

        private static void Attributes(List<Mention> found, string where, IEnumerable<CustomAttributeData> attributes)
        {
            foreach (var attribute in attributes)
            {
                Add(found, where + " [" + attribute.AttributeType.Name + "]", attribute.AttributeType);
                var arguments = attribute.ConstructorArguments.Concat(attribute.NamedArguments.Select(named => named.TypedValue));
                foreach (var argument in arguments) Argument(found, where + " [" + attribute.AttributeType.Name + "] argument", argument);
            }
        }

        private static void Argument(List<Mention> found, string where, CustomAttributeTypedArgument argument)
        {
            Add(found, where, argument.ArgumentType);
            if (argument.Value is Type named) Add(found, where, named);
            if (argument.Value is IEnumerable<CustomAttributeTypedArgument> many)
            {
                foreach (var item in many) Argument(found, where, item);
            }
        }

        private static void Add(List<Mention> found, string where, Type type)
        {
            if (type.HasElementType)
            {
                Add(found, where, type.GetElementType()!);
                return;
            }
            if (type.IsGenericParameter) return;
            found.Add(new Mention(where, type));
            if (!type.IsGenericType) return;
            foreach (var argument in type.GetGenericArguments()) Add(found, where, argument);
        }
    }
}
