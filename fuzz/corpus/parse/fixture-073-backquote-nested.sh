echo `echo \`echo inner\``
echo `echo \`echo \\\`echo deepest\\\`\``
