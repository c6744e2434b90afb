def setup(workspace):
    # "Billion laughs": nine lines of ten aliases each stand for a billion values, which MkDocs writes
    # out in full (it logs every setting) and never finishes.
    lines = ["l0: &l0 [a,a,a,a,a,a,a,a,a,a]"]
    lines += [f"l{i}: &l{i} [{','.join([f'*l{i - 1}'] * 10)}]" for i in range(1, 9)]
    with open(workspace / "mkdocs.yml", "a", encoding="utf-8") as file:
        file.write("extra:\n" + "".join(f"  {line}\n" for line in lines))
