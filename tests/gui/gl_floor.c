// The floor for any OpenGL window on this machine, for comparing with the
// app's start-up (README, "Start-up time"): X connection, input method,
// window, GLX context, one shader, one cleared frame, each step timed.
// Not built by cargo or CI. Build and run under Xvfb:
//   gcc -O2 tests/gui/gl_floor.c -o /tmp/gl_floor -lX11 -lGL    (libx11-dev, libgl-dev)
//   DISPLAY=:79 /tmp/gl_floor
// It prints "first frame after X ms" last, so tests/gui/startup.sh can run it
// beside the app:  tests/gui/startup.sh target/release/nianbao app= floor=@/tmp/gl_floor
#include <GL/gl.h>
#include <GL/glx.h>
#include <X11/Xlib.h>
#include <locale.h>
#include <stdio.h>
#include <time.h>

static double t0;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static void mark(const char *what) { printf("%7.1f ms  %s\n", now() - t0, what); }

/* OpenGL 2 functions, fetched at run time as apps do. */
#define GL(name, type) \
    __typeof__(type) name = (__typeof__(type))glXGetProcAddress((const GLubyte *)#name)

static const char *vertex_src =
    "#version 140\n"
    "in vec2 p; in vec2 uv; in vec4 c; out vec2 vuv; out vec4 vc;\n"
    "void main() { vuv = uv; vc = c; gl_Position = vec4(p, 0, 1); }\n";
static const char *fragment_src =
    "#version 140\n"
    "uniform sampler2D t; in vec2 vuv; in vec4 vc; out vec4 o;\n"
    "void main() { o = vc * texture(t, vuv); }\n";

int main(void) {
    t0 = now();
    setlocale(LC_ALL, "");

    Display *d = XOpenDisplay(NULL);
    if (!d) return 1;
    mark("display");

    /* What winit does too: with no input method server set, Xlib's local
       input method reads the whole Compose table. */
    XSetLocaleModifiers("");
    XOpenIM(d, NULL, NULL, NULL);
    mark("input method (local: Compose)");

    int attributes[] = {GLX_RGBA, GLX_DOUBLEBUFFER, GLX_DEPTH_SIZE, 0, None};
    XVisualInfo *vi = glXChooseVisual(d, 0, attributes);
    if (!vi) return 1;
    mark("GLX visual (loads Mesa + LLVM)");

    XSetWindowAttributes swa;
    swa.colormap = XCreateColormap(d, RootWindow(d, vi->screen), vi->visual, AllocNone);
    swa.event_mask = ExposureMask;
    Window w = XCreateWindow(d, RootWindow(d, vi->screen), 0, 0, 1280, 720, 0, vi->depth,
                             InputOutput, vi->visual, CWColormap | CWEventMask, &swa);
    XMapWindow(d, w);
    mark("window");

    GLXContext ctx = glXCreateContext(d, vi, NULL, GL_TRUE);
    glXMakeCurrent(d, w, ctx);
    mark("context current");

    GL(glCreateShader, GLuint (*)(GLenum));
    GL(glShaderSource, void (*)(GLuint, GLsizei, const char *const *, const GLint *));
    GL(glCompileShader, void (*)(GLuint));
    GL(glCreateProgram, GLuint (*)(void));
    GL(glAttachShader, void (*)(GLuint, GLuint));
    GL(glLinkProgram, void (*)(GLuint));
    GL(glUseProgram, void (*)(GLuint));
    GLuint vs = glCreateShader(GL_VERTEX_SHADER);
    glShaderSource(vs, 1, &vertex_src, NULL);
    glCompileShader(vs);
    GLuint fs = glCreateShader(GL_FRAGMENT_SHADER);
    glShaderSource(fs, 1, &fragment_src, NULL);
    glCompileShader(fs);
    GLuint program = glCreateProgram();
    glAttachShader(program, vs);
    glAttachShader(program, fs);
    glLinkProgram(program);
    glUseProgram(program);
    mark("shaders");

    glClearColor(0.9f, 0.9f, 0.9f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    glXSwapBuffers(d, w);
    glFinish();
    mark("frame shown");
    printf("first frame after %.1f ms\n", now() - t0);
    return 0;
}
