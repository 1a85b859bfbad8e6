import { checkFrameworkRoutes } from '../../routes/check-framework-routes';
import { defineRule } from '../rule-module';
import { checkRouteParams } from './check';

/** Message templates by message id; `{{name}}` placeholders are filled from the finding's data. */
export const messages = {
  unverifiableOptions:
    "Route {{route}}: the @apiEndpoint options are not a statically known object literal ({{reason}}). Write them as an object literal in the decorator.",
  missingPath: "Route {{route}} has no 'path'. Add path: '/resource/{id}'.",
  unverifiablePath:
    "Route {{route}}: the path cannot be resolved statically{{reason}}. Use a string literal, a const, or a concatenation of those.",
  mutableValue:
    "Route {{route}}: the {{subject}} is read from a value that can change ({{reason}}), so what is checked here need not be what is used. Declare that object or array 'as const' (or with a readonly type), or write the value in the decorator.",
  needsTypeInformation:
    "Route {{route}}: the {{subject}} was not checked, because {{reason}}. This is a limit of linting without type information, not a problem found in the value: lint with type information (parserOptions.projectService) or run 'capsule-guard check', which read other modules.",
  malformedPath: "Route {{route}}: the path '{{path}}' is malformed: {{problem}}.",
  duplicatePlaceholder:
    "Route {{route}}: placeholder '{{name}}' appears twice in the path '{{path}}'. Each path parameter has one place; rename one of them.",
  missingList:
    "Route {{route}} does not declare '{{list}}'. Nothing is inferred: add {{list}}: [{{names}}] (an empty array if there are none).",
  unverifiableList:
    "Route {{route}}: '{{list}}' cannot be resolved statically{{reason}}. Use an array literal of strings, or a const of one.",
  duplicateInList: "Route {{route}}: '{{name}}' appears twice in {{list}}. Remove the duplicate.",
  inBothLists:
    "Route {{route}}: '{{name}}' is declared in both pathParams and queryParams. A parameter comes from one place: keep it only in {{keepIn}}.",
  placeholderNotDeclared:
    "Route {{route}}: path placeholder '{{name}}' is not in pathParams. Add '{{name}}' to pathParams.",
  notInPath:
    "Route {{route}}: pathParams declares '{{name}}' but the path '{{path}}' has no such placeholder. {{hint}}",
  notAMethodParameter:
    "Route {{route}}: {{list}} declares '{{name}}' but method '{{method}}' has no parameter named '{{name}}'. Add the parameter or remove '{{name}}' from {{list}}.",
  undeclaredParameter:
    "Route {{route}}: parameter '{{name}}' of method '{{method}}' is not declared. Add '{{name}}' to {{list}}, or write body: '{{name}}' if it is the request body.",
  unnamedParameter:
    "Route {{route}}: a destructured parameter of method '{{method}}' cannot be matched to pathParams or queryParams. Give it a name and declare that name.",
  invalidBody:
    "Route {{route}}: body '{{name}}' {{problem}}. Name the method parameter that receives the request body.",
  placeholderNotBound:
    "Route {{route}}: path parameter '{{placeholder}}' is read by nothing, so the handler never receives '{{name}}'. {{edit}}.",
  bindingNotInPath:
    "Route {{route}}: {{binding}} names no parameter of the path {{path}}, so it is always undefined. {{hint}}",
  duplicateBinding:
    "Route {{route}}: {{binding}} reads '{{name}}', which {{first}} already reads. A parameter is read once: remove one of them.",
  bindingNotInHost:
    "Route {{route}}: {{binding}} names no parameter of the controller's host {{host}}, so it is always undefined. {{hint}}",
  pathAndQuery:
    "Route {{route}}: '{{name}}' is read both from the path ({{pathBinding}}) and from the query string ({{queryBinding}}). A parameter comes from one place: remove {{queryBinding}} or give it another name.",
  missingPathSchema:
    "Route {{route}}: the URL has path parameters {{names}} but the route declares no schema.params, so they are neither validated nor typed. Add {{edit}}.",
  unsourcedParameter:
    "Handler {{method}}: parameter '{{name}}' has no parameter decorator, so {{consequence}}. Say where it comes from: {{edit}}.",
  unverifiableRoutePart:
    "Route {{route}}: {{subject}} cannot be resolved statically ({{reason}}), so its parameters cannot be checked. {{fix}}",
};

export default defineRule({
  name: 'explicit-route-params',
  code: 990004,
  description:
    'Every @apiEndpoint declares its path and query parameters explicitly, without duplicates, matching the path and the method signature.',
  messages,
  options: ['requestContextTypes'],
  suggestions: true,
  check: { on: 'method', run: checkRouteParams },
  frameworkCheck: checkFrameworkRoutes,
});
