'use strict';
// `import.meta` in a file compiled to CommonJS: tsc refuses it there and Node throws, so each
// use becomes what it means in that module: its file URL, folder and file name.

function importMetaTransformer(ts) {
  const f = ts.factory;
  const req = (name) => f.createCallExpression(f.createIdentifier('require'), undefined, [f.createStringLiteral(name)]);
  const fileUrl = () =>
    f.createPropertyAccessExpression(
      f.createCallExpression(f.createPropertyAccessExpression(req('node:url'), 'pathToFileURL'), undefined, [f.createIdentifier('__filename')]),
      'href',
    );
  const isImportMeta = (node) => ts.isMetaProperty(node) && node.keywordToken === ts.SyntaxKind.ImportKeyword;
  return (context) => (sourceFile) => {
    if (!sourceFile.text.includes('import.meta')) return sourceFile;
    const visit = (node) => {
      if (ts.isPropertyAccessExpression(node) && isImportMeta(node.expression)) {
        const name = node.name.text;
        if (name === 'url') return fileUrl();
        if (name === 'dirname') return f.createIdentifier('__dirname');
        if (name === 'filename') return f.createIdentifier('__filename');
        if (name === 'resolve') {
          // import.meta.resolve(spec) → the file URL require.resolve finds.
          return f.createArrowFunction(undefined, undefined, [f.createParameterDeclaration(undefined, undefined, 's')], undefined, undefined,
            f.createPropertyAccessExpression(
              f.createCallExpression(f.createPropertyAccessExpression(req('node:url'), 'pathToFileURL'), undefined, [
                f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier('require'), 'resolve'), undefined, [f.createIdentifier('s')]),
              ]),
              'href',
            ));
        }
      }
      if (isImportMeta(node)) {
        return f.createObjectLiteralExpression([
          f.createPropertyAssignment('url', fileUrl()),
          f.createPropertyAssignment('dirname', f.createIdentifier('__dirname')),
          f.createPropertyAssignment('filename', f.createIdentifier('__filename')),
        ]);
      }
      return ts.visitEachChild(node, visit, context);
    };
    return ts.visitNode(sourceFile, visit);
  };
}

module.exports = { importMetaTransformer };
